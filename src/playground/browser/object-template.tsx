import { descriptionId, getTemplate, getUiOptions, ObjectFieldTemplateProps, titleId } from '@rjsf/utils';

/** rjsf's object layout, with the fields the schema's `advanced` keyword lists folded into an "Advanced" section. */
export function FoldingObjectTemplate(props: ObjectFieldTemplateProps) {
  const { description, fieldPathId, properties, registry, required, schema, title, uiSchema } = props;
  const options = getUiOptions(uiSchema);
  const TitleFieldTemplate = getTemplate('TitleFieldTemplate', registry, options);
  const DescriptionFieldTemplate = getTemplate('DescriptionFieldTemplate', registry, options);
  const advanced = new Set<string>(Array.isArray((schema as any).advanced) ? (schema as any).advanced : []);
  const shown = properties.filter((p) => !advanced.has(p.name));
  const folded = properties.filter((p) => advanced.has(p.name) && !p.hidden);
  return (
    <fieldset id={fieldPathId.$id}>
      {title && <TitleFieldTemplate id={titleId(fieldPathId)} title={title} required={required} schema={schema} uiSchema={uiSchema} registry={registry} />}
      {description && <DescriptionFieldTemplate id={descriptionId(fieldPathId)} description={description} schema={schema} uiSchema={uiSchema} registry={registry} />}
      {shown.map((p) => p.content)}
      {folded.length > 0 && (
        <details className="advanced">
          <summary>{title ? `Advanced: ${title}` : 'Advanced'} ({folded.length})</summary>
          {folded.map((p) => p.content)}
        </details>
      )}
    </fieldset>
  );
}
