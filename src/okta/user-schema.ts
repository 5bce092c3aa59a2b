import { ConnectorError, userInputError } from '../core/errors';
import type { OktaUserProfileField, OktaUserSchema, OktaUserSchemaAttribute, OktaUserType } from '../generated/types';
import { OperationContext, oktaPath } from '../runtime/handler-kinds';

/** Okta's alias for the default user type's schema; portable across orgs, unlike the `osc…` ID. */
export const DEFAULT_SCHEMA_ID = 'default';

export type AttributeOrigin = 'custom' | 'base';

/** The schema ID a user type's `_links.schema.href` points at (its last path segment). */
export function schemaIdOfType(type: OktaUserType): string | undefined {
  const href = (type._links as { schema?: { href?: unknown } } | undefined)?.schema?.href;
  if (typeof href !== 'string') return undefined;
  const segment = new URL(href, 'https://org.invalid').pathname.split('/').filter(Boolean).pop();
  return segment ? decodeURIComponent(segment) : undefined;
}

/**
 * Which user schema to read: `schema_id`, or the schema of the user type `user_type_id` (one GET of the
 * type), or the default type's schema when neither is given. Empty strings count as not given, so a
 * dropdown templated with an empty sibling field still works.
 */
export async function resolveSchemaId(ctx: OperationContext, choice: { schema_id?: string; user_type_id?: string }): Promise<string> {
  const schemaId = choice.schema_id?.trim();
  const typeId = choice.user_type_id?.trim();
  if (schemaId && typeId) {
    throw userInputError('Give either schema_id or user_type_id, not both: each one names a user schema', ['schema_id', 'user_type_id']);
  }
  if (!typeId) return schemaId || DEFAULT_SCHEMA_ID;
  const type = (await ctx.request<OktaUserType>({ method: 'GET', path: oktaPath`/api/v1/meta/types/user/${typeId}` })).body;
  const id = schemaIdOfType(type);
  if (!id) throw new ConnectorError('api_error', `Okta returned user type ${typeId} without a _links.schema link`);
  return id;
}

export async function loadUserSchema(ctx: OperationContext, schemaId: string): Promise<OktaUserSchema> {
  return (await ctx.request<OktaUserSchema>({ method: 'GET', path: oktaPath`/api/v1/meta/schemas/user/${schemaId}` })).body;
}

/** The attribute definitions of one subschema, by name. */
export function attributesOf(schema: OktaUserSchema, origin: AttributeOrigin): Record<string, OktaUserSchemaAttribute> {
  return schema.definitions?.[origin]?.properties ?? {};
}

/** The custom attributes as fields: the definition with its name, a title and `required` filled in. */
export function customFields(schema: OktaUserSchema): OktaUserProfileField[] {
  const listed = new Set(schema.definitions?.custom?.required ?? []);
  return Object.entries(attributesOf(schema, 'custom')).map(([name, definition]) => ({
    ...definition,
    name,
    title: definition.title ?? name,
    required: definition.required === true || listed.has(name),
  }));
}

/** An attribute by exact name (custom first, then base); own keys only, so `constructor` is not found. */
export function findAttribute(
  schema: OktaUserSchema,
  name: string,
  origins: AttributeOrigin[] = ['custom', 'base'],
): { origin: AttributeOrigin; definition: OktaUserSchemaAttribute } | undefined {
  for (const origin of origins) {
    const attributes = attributesOf(schema, origin);
    if (Object.hasOwn(attributes, name)) return { origin, definition: attributes[name] };
  }
  return undefined;
}

/** A user_input_error naming the field and listing the attributes the schema does have. */
export function unknownAttributeError(name: string, schemaId: string, field: string, origins: AttributeOrigin[], schema: OktaUserSchema): ConnectorError {
  const lists = origins.map((origin) => {
    const names = Object.keys(attributesOf(schema, origin));
    return `${origin} attributes: ${names.length ? names.join(', ') : '(none)'}`;
  });
  const kind = origins.length === 1 ? `${origins[0]} attribute` : 'attribute';
  return userInputError(`User schema ${schemaId} has no ${kind} named "${name}". It has ${lists.join('; ')}`, [field]);
}
