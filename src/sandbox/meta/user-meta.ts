import { oktaErrors } from '../core/okta-error-bodies';
import { newId, timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';
import { attribute, BASE_REQUIRED, baseUserProperties } from './user-schema-base';
import { Route, SandboxRequest } from '../core/route-types';
import { userMetaWriteRoutes } from './user-meta-writes';

/** user type id → the id (`osc…`) of its schema; Okta only tells it through `_links.schema`. */
const schemaOfType = new WeakMap<SandboxOrg, Map<string, string>>();

const DEFAULT_ALIAS = 'default';
const SANDBOX_ACTOR = '00usandboxadmin00000';

/** The org's default user type (users reference its id in `type.id`); undefined before `seedUserMeta`. */
export const defaultUserType = (org: SandboxOrg): OktaObject | undefined => [...org.userTypes.values()].find((t) => t.default === true);

export const schemaIdOfType = (org: SandboxOrg, typeId: string): string | undefined => schemaOfType.get(org)?.get(typeId);

/** The stored user schema of a user type (undefined when the org has no schema for it). */
export const userSchemaOfType = (org: SandboxOrg, typeId: string): OktaObject | undefined => {
  const schemaId = schemaIdOfType(org, typeId);
  return schemaId ? org.userSchemas.get(schemaId) : undefined;
};

export interface UserTypeDefinition {
  name: string;
  displayName: string;
  description: string;
  isDefault: boolean;
  /** The `#custom` attributes of the type's schema. */
  custom: Record<string, OktaObject>;
}

/** Adds a user type with its own schema (Okta creates one schema per type, sharing the `#base` subschema). */
export function addUserType(org: SandboxOrg, definition: UserTypeDefinition): OktaObject {
  const at = timestamp();
  const actor = org.adminId || SANDBOX_ACTOR;
  const type: OktaObject = {
    id: newId('oty'),
    displayName: definition.displayName,
    name: definition.name,
    description: definition.description,
    createdBy: actor,
    lastUpdatedBy: actor,
    created: at,
    lastUpdated: at,
    default: definition.isDefault,
  };
  const schemaId = newId('osc');
  org.userSchemas.set(schemaId, {
    $schema: 'http://json-schema.org/draft-04/schema#',
    name: 'user',
    title: definition.isDefault ? 'Default Okta user' : definition.displayName,
    description: definition.description,
    lastUpdated: at,
    created: at,
    definitions: {
      base: { id: '#base', type: 'object', properties: baseUserProperties(), required: [...BASE_REQUIRED] },
      custom: {
        id: '#custom',
        type: 'object',
        properties: definition.custom,
        required: Object.entries(definition.custom).filter(([, a]) => a.required === true).map(([name]) => name),
      },
    },
    type: 'object',
    properties: { profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] } },
  });
  org.userTypes.set(type.id, type);
  let links = schemaOfType.get(org);
  if (!links) schemaOfType.set(org, (links = new Map()));
  links.set(type.id, schemaId);
  return type;
}

/** The demo org's types: the default "User" and a "Contractor" type, each with custom attributes. */
export function seedUserMeta(org: SandboxOrg): void {
  if (defaultUserType(org)) return;
  addUserType(org, {
    name: 'user',
    displayName: 'User',
    description: 'Okta user profile template with default permission settings',
    isDefault: true,
    custom: {
      badgeId: attribute('Badge ID', 'string', { description: 'Building access badge number', maxLength: 20, unique: 'UNIQUE_VALIDATED' }),
      startDate: attribute('Start date', 'string', { description: 'First working day, as an ISO 8601 date (YYYY-MM-DD)' }),
      isContractor: attribute('Contractor', 'boolean', { description: 'True for people who are not employees' }),
      region: attribute('Region', 'string', {
        description: 'Sales region',
        enum: ['AMER', 'EMEA', 'APAC'],
        oneOf: [
          { const: 'AMER', title: 'Americas' },
          { const: 'EMEA', title: 'Europe, Middle East and Africa' },
          { const: 'APAC', title: 'Asia Pacific' },
        ],
      }),
    },
  });
  addUserType(org, {
    name: 'contractor',
    displayName: 'Contractor',
    description: 'External contractors, managed through their agency',
    isDefault: false,
    custom: {
      agency: attribute('Agency', 'string', { description: 'The staffing agency the contractor works for', required: true, minLength: 1, maxLength: 100 }),
      contractEndDate: attribute('Contract end date', 'string', { description: 'Last day of the contract, as an ISO 8601 date (YYYY-MM-DD)' }),
    },
  });
}

/** Removes a user type and its schema. */
export function removeUserType(org: SandboxOrg, typeId: string): void {
  const schemaId = schemaIdOfType(org, typeId);
  if (schemaId) org.userSchemas.delete(schemaId);
  schemaOfType.get(org)?.delete(typeId);
  org.userTypes.delete(typeId);
}

/** The schema id a path names: `default` is the default type's schema. */
export function resolveSchemaId(org: SandboxOrg, requested: string): string | undefined {
  const defaultType = defaultUserType(org);
  return requested === DEFAULT_ALIAS && defaultType ? schemaIdOfType(org, defaultType.id) : requested;
}

/** The user type ids whose schema is `schemaId`. */
export const typeIdOfSchema = (org: SandboxOrg, schemaId: string): string | undefined =>
  [...(schemaOfType.get(org)?.entries() ?? [])].find(([, id]) => id === schemaId)?.[0];

/** A user schema as Okta answers it, with its `id` URL. */
export const renderUserSchema = (req: SandboxRequest, schemaId: string, schema: OktaObject) => ({ id: `${req.baseUrl}/meta/schemas/user/${schemaId}`, ...structuredClone(schema) });

/** A user type as Okta answers it, with `self` and `schema` links. */
export function renderUserType(org: SandboxOrg, req: SandboxRequest, type: OktaObject): OktaObject {
  const schemaId = schemaIdOfType(org, type.id);
  return {
    ...type,
    _links: {
      self: { href: `${req.baseUrl}/api/v1/meta/types/user/${type.id}` },
      ...(schemaId ? { schema: { href: `${req.baseUrl}/api/v1/meta/schemas/user/${schemaId}` } } : {}),
    },
  };
}

export function userMetaRoutes(org: SandboxOrg): Route[] {
  const renderType = (req: SandboxRequest, type: OktaObject) => renderUserType(org, req, type);
  return [
    {
      method: 'GET',
      pattern: '/api/v1/meta/types/user',
      handle: (req) => ({ status: 200, body: [...org.userTypes.values()].map((t) => renderType(req, t)) }),
    },
    {
      method: 'GET',
      pattern: '/api/v1/meta/types/user/:typeId',
      handle: (req) => {
        const { typeId } = req.params;
        const type = typeId === DEFAULT_ALIAS ? defaultUserType(org) : org.userTypes.get(typeId);
        if (!type) throw oktaErrors.notFound(typeId, 'UserType');
        return { status: 200, body: renderType(req, type) };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v1/meta/schemas/user/:schemaId',
      handle: (req) => {
        const requested = req.params.schemaId;
        const schemaId = resolveSchemaId(org, requested);
        const schema = schemaId ? org.userSchemas.get(schemaId) : undefined;
        if (!schemaId || !schema) throw oktaErrors.notFound(requested, 'UserSchema');
        return { status: 200, body: renderUserSchema(req, schemaId, schema) };
      },
    },
    ...userMetaWriteRoutes(org),
  ];
}
