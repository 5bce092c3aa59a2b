import type { OktaUser, OktaUserSchema, OktaUserSchemaAttribute } from '../generated/types';
import { DynamicSchema, OperationContext, oktaPath, SchemaPatch, SchemaSide } from '../runtime/handler-kinds';
import { attributesOf, customFields, loadUserSchema, resolveSchemaId } from './user-schema';

/** JSON Schema formats among those Okta names (country-code, locale, ref-id ... are Okta's own words). */
const JSON_SCHEMA_FORMATS = new Set(['email', 'uri', 'date-time']);
const OKTA_TYPES = new Set(['string', 'boolean', 'integer', 'number', 'array']);

type FieldSchema = Record<string, unknown>;

/** Okta's `enum` + `oneOf: [{const, title}]` as the connector's `enum` + `enum_labels`. */
function enumWithLabels(definition: { enum?: unknown; oneOf?: unknown }): FieldSchema {
  if (!Array.isArray(definition.enum)) return {};
  const titles = new Map(
    (Array.isArray(definition.oneOf) ? definition.oneOf : []).map((choice: { const?: unknown; title?: unknown }) => [choice.const, choice.title]),
  );
  const labels = definition.enum.map((value) => (typeof titles.get(value) === 'string' ? titles.get(value) : String(value)));
  return { enum: definition.enum, enum_labels: labels };
}

/** One Okta attribute definition as a JSON Schema field a form can render; `nullable` where null clears it. */
export function attributeSchema(name: string, definition: OktaUserSchemaAttribute, nullable: boolean): FieldSchema {
  const type = typeof definition.type === 'string' && OKTA_TYPES.has(definition.type) ? definition.type : 'string';
  const field: FieldSchema = {
    title: definition.title || name,
    description: definition.description || `Custom attribute ${name}.`,
    type: nullable ? [type, 'null'] : type,
  };
  for (const key of ['minLength', 'maxLength', 'pattern', 'default'] as const) {
    if (definition[key] !== undefined && definition[key] !== null) field[key] = definition[key];
  }
  if (typeof definition.format === 'string' && JSON_SCHEMA_FORMATS.has(definition.format)) field.format = definition.format;
  if (type === 'array') {
    const items = (definition.items ?? {}) as { type?: unknown; enum?: unknown; oneOf?: unknown };
    const itemType = typeof items.type === 'string' && OKTA_TYPES.has(items.type) && items.type !== 'array' ? items.type : 'string';
    field.items = { title: `${field.title} value`, description: `One value of ${field.title}.`, type: itemType, ...enumWithLabels(items) };
  } else {
    Object.assign(field, enumWithLabels(definition));
    // An enum field that may be cleared needs null among its values as well as in its type.
    if (nullable && Array.isArray(field.enum)) field.enum = [...(field.enum as unknown[]), null];
    if (nullable && Array.isArray(field.enum_labels)) field.enum_labels = [...(field.enum_labels as unknown[]), '(none)'];
  }
  return field;
}

/** create: the schema's required attributes are required and none is null; update: any may be null (clears it). */
export type ProfileMode = 'create' | 'update' | 'output';

/**
 * The patch that adds a user schema's custom attributes to a `profile` object. In an input it also folds the
 * base attributes a builder rarely sets (all but the required ones) into `advanced`.
 */
export function profilePatch(at: string[], mode: ProfileMode, schema: OktaUserSchema): SchemaPatch {
  const creating = mode === 'create';
  const fields = customFields(schema);
  const properties = Object.fromEntries(fields.map((field) => [field.name, attributeSchema(field.name, field, !creating)]));
  const patch: SchemaPatch = { at, properties };
  if (creating) patch.required = fields.filter((field) => field.required).map((field) => field.name);
  if (mode !== 'output') {
    const baseRequired = new Set(creating ? (schema.definitions?.base?.required ?? []) : []);
    patch.advanced = Object.keys(attributesOf(schema, 'base')).filter((name) => !baseRequired.has(name));
  }
  return patch;
}

const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/**
 * The user type a form is about: its `type_id` when picked, else (when `readUser`) the type of the user named
 * by `user_id`, else the org's default type.
 */
async function schemaOfForm(ctx: OperationContext, input: Record<string, unknown>, readUser: boolean): Promise<OktaUserSchema> {
  let typeId = text(input.type_id);
  const userId = text(input.user_id);
  if (!typeId && readUser && userId) {
    const user = (await ctx.request<OktaUser>({ method: 'GET', path: oktaPath`/api/v1/users/${userId}` })).body;
    typeId = text((user.type as { id?: unknown } | undefined)?.id);
  }
  return loadUserSchema(ctx, await resolveSchemaId(ctx, { user_type_id: typeId }));
}

/**
 * The dynamic schema of an operation about one user's profile: the input's `profile` (when `input` is set) and
 * the output's `profile` (a user object) gain the custom attributes of the form's user type.
 */
export function userProfileSchemas(sides: { input?: 'create' | 'update'; output?: boolean }): DynamicSchema {
  return async (side: SchemaSide, input, ctx) => {
    const mode = side === 'input' ? sides.input : sides.output ? 'output' : undefined;
    if (!mode) return [];
    const schema = await schemaOfForm(ctx, input, mode !== 'create');
    return [profilePatch(['profile'], mode, schema)];
  };
}
