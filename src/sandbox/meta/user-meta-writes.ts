import { timestamp } from '../core/ids';
import { oktaErrors, SandboxError } from '../core/okta-error-bodies';
import { OktaObject, SandboxOrg } from '../core/org';
import { Route, SandboxRequest, SandboxResponse } from '../core/route-types';
import { addUserType, defaultUserType, renderUserSchema, renderUserType, removeUserType, resolveSchemaId, schemaIdOfType, typeIdOfSchema } from './user-meta';
import { attribute } from './user-schema-base';

/**
 * Writes to user schemas and user types (spec tags Schema and UserType): add, change or remove custom
 * attributes (`updateUserProfile`), and create, update, replace or delete user types.
 */
const ATTRIBUTE_TYPES = new Set(['string', 'boolean', 'number', 'integer', 'array']);
/** The support article "API validation failed: Invalid property name" gives the rule. */
const PROPERTY_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** spec UserType.name: "must start with A-Z or a-z and contain only A-Z, a-z, 0-9, or underscore". */
const TYPE_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
/** "You may add up to nine additional user types" (spec createUserType). */
const MAX_TYPES = 10;
/** "a maximum of five unique properties for each user type" (spec Schema tag, Unique Attributes). */
const MAX_UNIQUE = 5;
/** What `updateUserProfile` may change on a base attribute: permissions, nullability of the names, login pattern. */
const BASE_CHANGES: Record<string, string[]> = { login: ['permissions', 'pattern'], firstName: ['permissions', 'required'], lastName: ['permissions', 'required'] };

const invalid = (field: string, message: string) => oktaErrors.validation(field, [`${field}: ${message}`]);
const bodyOf = (req: SandboxRequest): OktaObject => {
  if (!req.body || typeof req.body !== 'object' || Array.isArray(req.body)) throw oktaErrors.malformedBody();
  return req.body as OktaObject;
};

function requireSchema(org: SandboxOrg, requested: string): { schemaId: string; schema: OktaObject } {
  const schemaId = resolveSchemaId(org, requested);
  const schema = schemaId ? org.userSchemas.get(schemaId) : undefined;
  if (!schemaId || !schema) throw oktaErrors.notFound(requested, 'UserSchema');
  return { schemaId, schema };
}

/** Users of the type lose a removed attribute's value (Okta drops the data with the attribute). */
function dropValues(org: SandboxOrg, typeId: string | undefined, name: string): void {
  for (const user of org.users.values()) if (user.type?.id === typeId && user.profile) delete user.profile[name];
}

function uniqueClash(org: SandboxOrg, typeId: string | undefined, name: string): boolean {
  const seen = new Set<string>();
  for (const user of org.users.values()) {
    const value = user.type?.id === typeId ? user.profile?.[name] : undefined;
    if (value === undefined || value === null) continue;
    const key = JSON.stringify(value);
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

function customAttribute(name: string, sent: OktaObject, existing: OktaObject | undefined): OktaObject {
  if (!PROPERTY_NAME.test(name)) {
    throw oktaErrors.validation('invalid property name', [`${name}: Property name should only have alphanumeric characters and underscores. It should not start with a digit.`]);
  }
  const merged = { ...(existing ?? attribute(String(sent.title ?? ''), String(sent.type ?? ''))), ...sent };
  if (typeof merged.title !== 'string' || merged.title.trim() === '') throw invalid(`${name}.title`, 'The field cannot be left blank');
  if (!ATTRIBUTE_TYPES.has(merged.type)) throw invalid(`${name}.type`, `Must be one of ${[...ATTRIBUTE_TYPES].join(', ')}`);
  if (existing && existing.type !== merged.type) throw invalid(`${name}.type`, 'The type of an existing property cannot be changed');
  if (merged.type === 'array' && !merged.items) merged.items = { type: 'string' };
  if (merged.enum !== undefined && (!Array.isArray(merged.enum) || merged.enum.length === 0)) throw invalid(`${name}.enum`, 'Must be a non-empty array');
  return merged;
}

function applyCustom(org: SandboxOrg, typeId: string | undefined, custom: OktaObject, changes: Record<string, unknown>): void {
  for (const [name, sent] of Object.entries(changes)) {
    if (sent === null) {
      delete custom.properties[name];
      custom.required = (custom.required ?? []).filter((n: string) => n !== name);
      dropValues(org, typeId, name);
      continue;
    }
    if (typeof sent !== 'object' || Array.isArray(sent)) throw invalid(name, 'A property must be an object');
    const next = customAttribute(name, sent as OktaObject, custom.properties[name]);
    if (next.unique === true || next.unique === 'UNIQUE_VALIDATED') {
      // Existing duplicates leave the property not unique (spec: the `unique` attribute isn't shown then).
      if (uniqueClash(org, typeId, name)) delete next.unique;
      else next.unique = 'UNIQUE_VALIDATED';
    } else {
      delete next.unique;
    }
    custom.properties[name] = next;
    const required = new Set<string>(custom.required ?? []);
    if (next.required === true) required.add(name);
    else required.delete(name);
    custom.required = [...required];
  }
  const uniques = Object.values(custom.properties).filter((a: any) => a.unique === 'UNIQUE_VALIDATED').length;
  if (uniques > MAX_UNIQUE) throw invalid('unique', `At most ${MAX_UNIQUE} unique properties per user type`);
}

function applyBase(base: OktaObject, changes: Record<string, unknown>): void {
  for (const [name, sent] of Object.entries(changes)) {
    const allowed = BASE_CHANGES[name];
    const existing = base.properties[name];
    if (!existing || sent === null || typeof sent !== 'object') throw invalid(name, 'Base properties cannot be added or removed');
    for (const [key, value] of Object.entries(sent as OktaObject)) {
      if (JSON.stringify(existing[key]) === JSON.stringify(value)) continue;
      if (!allowed?.includes(key)) throw invalid(`${name}.${key}`, 'Only permissions, the nullability of firstName and lastName, and the login pattern of a base property can change');
      existing[key] = value;
    }
    const required = new Set<string>(base.required ?? []);
    if (existing.required === true) required.add(name);
    else required.delete(name);
    base.required = [...required];
  }
}

/** `POST /meta/schemas/user/{schemaId}`: a partial update; a property set to `null` is removed. */
function updateSchema(org: SandboxOrg, req: SandboxRequest): SandboxResponse {
  const { schemaId, schema } = requireSchema(org, req.params.schemaId);
  const definitions = bodyOf(req).definitions ?? {};
  const draft = structuredClone(schema);
  const typeId = typeIdOfSchema(org, schemaId);
  // Validate on a copy first so a refused request changes nothing, then apply for real (values of removed attributes go).
  applyCustom(new SandboxOrg(), typeId, draft.definitions.custom, definitions.custom?.properties ?? {});
  applyBase(draft.definitions.base, definitions.base?.properties ?? {});
  const custom = schema.definitions.custom;
  applyCustom(org, typeId, custom, definitions.custom?.properties ?? {});
  applyBase(schema.definitions.base, definitions.base?.properties ?? {});
  schema.lastUpdated = timestamp();
  return { status: 200, body: renderUserSchema(req, schemaId, schema) };
}

function requireType(org: SandboxOrg, typeId: string): OktaObject {
  const type = typeId === 'default' ? defaultUserType(org) : org.userTypes.get(typeId);
  if (!type) throw oktaErrors.notFound(typeId, 'UserType');
  return type;
}

function textField(body: OktaObject, name: string, required: boolean): string | undefined {
  const value = body[name];
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || value.trim() === '') throw invalid(name, 'The field cannot be left blank');
  return value;
}

function createType(org: SandboxOrg, req: SandboxRequest): SandboxResponse {
  const body = bodyOf(req);
  const name = textField(body, 'name', true)!;
  const displayName = textField(body, 'displayName', true)!;
  if (!TYPE_NAME.test(name)) throw invalid('name', 'The name must start with A-Z or a-z and contain only A-Z, a-z, 0-9, or underscore (_) characters');
  if ([...org.userTypes.values()].some((t) => String(t.name).toLowerCase() === name.toLowerCase())) {
    throw invalid('name', 'An object with this field already exists in the current organization');
  }
  if (org.userTypes.size >= MAX_TYPES) throw invalid('name', `An org can have at most ${MAX_TYPES} user types`);
  // "New user types are based on the current default schema template" (spec createUserType).
  const template = org.userSchemas.get(schemaIdOfType(org, defaultUserType(org)?.id ?? '') ?? '');
  const type = addUserType(org, { name, displayName, description: textField(body, 'description', false) ?? '', isDefault: false, custom: structuredClone(template?.definitions?.custom?.properties ?? {}) });
  return { status: 200, body: renderUserType(org, req, type) };
}

/** POST updates `displayName`/`description`; PUT replaces them and must repeat the unchanged `name` (spec). */
function updateType(org: SandboxOrg, req: SandboxRequest, replace: boolean): SandboxResponse {
  const type = requireType(org, req.params.typeId);
  const body = bodyOf(req);
  if (replace || body.name !== undefined) {
    const name = textField(body, 'name', replace);
    if (name !== undefined && name !== type.name) throw invalid('name', "The name of an existing user type can't be changed");
  }
  const displayName = textField(body, 'displayName', replace);
  const description = replace ? textField(body, 'description', true) : body.description;
  if (description !== undefined && typeof description !== 'string') throw invalid('description', 'Must be a string');
  if (displayName !== undefined) type.displayName = displayName;
  if (description !== undefined) type.description = description;
  type.lastUpdated = timestamp();
  type.lastUpdatedBy = org.adminId || type.lastUpdatedBy;
  return { status: 200, body: renderUserType(org, req, type) };
}

/** "You can't delete the default user type or a user type that is currently assigned to users" (spec deleteUserType). */
function deleteType(org: SandboxOrg, req: SandboxRequest): SandboxResponse {
  const type = requireType(org, req.params.typeId);
  if (type.default === true) throw new SandboxError(403, 'E0000006', 'You do not have permission to perform the requested action', ['The default user type cannot be deleted']);
  if ([...org.users.values()].some((u) => u.type?.id === type.id)) throw invalid('type', 'A user type that is assigned to users cannot be deleted');
  removeUserType(org, type.id);
  return { status: 204 };
}

export function userMetaWriteRoutes(org: SandboxOrg): Route[] {
  return [
    { method: 'POST', pattern: '/api/v1/meta/schemas/user/:schemaId', handle: (req) => updateSchema(org, req) },
    { method: 'POST', pattern: '/api/v1/meta/types/user', handle: (req) => createType(org, req) },
    { method: 'POST', pattern: '/api/v1/meta/types/user/:typeId', handle: (req) => updateType(org, req, false) },
    { method: 'PUT', pattern: '/api/v1/meta/types/user/:typeId', handle: (req) => updateType(org, req, true) },
    { method: 'DELETE', pattern: '/api/v1/meta/types/user/:typeId', handle: (req) => deleteType(org, req) },
  ];
}
