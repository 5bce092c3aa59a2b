/** The rjsf uiSchema a bundle schema implies: widgets from `format` and `lookup`, labels from `enum_labels`. */
type Schema = Record<string, any>;
export type UiSchema = Record<string, any>;

const nonNullType = (schema: Schema) => (Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type);

export function uiSchemaFor(schema: Schema, readonlyFields: string[] = []): UiSchema {
  const ui: UiSchema = {};
  if (!schema || typeof schema !== 'object') return ui;
  if (schema.lookup) {
    ui['ui:widget'] = 'lookup';
    ui['ui:options'] = { lookup: schema.lookup };
  } else if (schema.format === 'password') ui['ui:widget'] = 'password';
  else if (schema.format === 'text' || schema.format === 'code') {
    ui['ui:widget'] = 'textarea';
    ui['ui:options'] = { rows: schema.format === 'code' ? 8 : 4 };
    if (schema.format === 'code') ui['ui:classNames'] = 'code';
  }
  if (Array.isArray(schema.enum) && Array.isArray(schema.enum_labels)) ui['ui:enumNames'] = schema.enum_labels;
  if (nonNullType(schema) === 'object' && schema.properties) {
    for (const [name, child] of Object.entries<Schema>(schema.properties)) {
      ui[name] = uiSchemaFor(child);
      if (readonlyFields.includes(name)) ui[name]['ui:readonly'] = true;
    }
    // Required fields first, so a long profile starts with what must be filled.
    const required: string[] = Array.isArray(schema.required) ? schema.required : [];
    ui['ui:order'] = [...required.filter((n) => n in schema.properties), '*'];
  }
  if (nonNullType(schema) === 'array' && schema.items && !Array.isArray(schema.items)) ui.items = uiSchemaFor(schema.items);
  return ui;
}
