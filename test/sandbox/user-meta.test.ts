import http from 'node:http';
import { invoke } from '../../src/index';
import { SandboxOrg } from '../../src/sandbox/core/org';
import { createSandboxServer, listen } from '../../src/sandbox/core/server';
import { defaultUserType, schemaIdOfType, seedUserMeta, userMetaRoutes } from '../../src/sandbox/meta/user-meta';
import { SandboxSpecCheck, testSpecConformance } from '../support/sandbox-spec-check';
import { allowTestOrg } from '../support/test-org-destination';

const token = 'sandbox-user-meta-token';
const org = new SandboxOrg('http://127.0.0.1');
const check = new SandboxSpecCheck();
let server: http.Server;
let baseUrl: string;

const call = (op: string, input: unknown) => invoke(op, input, { auth: { domain: baseUrl, api_token: token } }) as Promise<any>;
const failure = (op: string, input: unknown) => call(op, input).then(
  () => { throw new Error(`${op} succeeded`); },
  (error: { toJSON(): Record<string, unknown> }) => error.toJSON(),
);

const contractor = () => [...org.userTypes.values()].find((t) => t.name === 'contractor')!;

beforeAll(async () => {
  seedUserMeta(org);
  server = createSandboxServer({ routes: check.wrap(userMetaRoutes(org)), token });
  baseUrl = await listen(server);
  allowTestOrg(baseUrl);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('seedUserMeta', () => {
  test('creates the default type "User" and "Contractor", each with its own schema, and is idempotent', () => {
    const defaultType = defaultUserType(org)!;
    expect(defaultType).toMatchObject({ name: 'user', displayName: 'User', default: true });
    expect(contractor()).toMatchObject({ displayName: 'Contractor', default: false });
    expect(schemaIdOfType(org, defaultType.id)).toMatch(/^osc/);
    expect(schemaIdOfType(org, contractor().id)).not.toBe(schemaIdOfType(org, defaultType.id));
    seedUserMeta(org);
    expect(org.userTypes.size).toBe(2);
    expect(org.userSchemas.size).toBe(2);
  });
});

describe('user types', () => {
  test('get_user_type by id and by the `default` alias', async () => {
    const byId = await call('get_user_type', { type_id: contractor().id });
    expect(byId).toMatchObject({ id: contractor().id, name: 'contractor', displayName: 'Contractor', default: false });
    expect(byId._links.schema.href).toBe(`${baseUrl}/api/v1/meta/schemas/user/${schemaIdOfType(org, contractor().id)}`);
    expect(byId._links.self.href).toBe(`${baseUrl}/api/v1/meta/types/user/${contractor().id}`);
    const byAlias = await call('get_user_type', { type_id: 'default' });
    expect(byAlias).toMatchObject({ id: defaultUserType(org)!.id, default: true });
  });

  test('get_user_type of an unknown id → 404 E0000007', async () => {
    expect(await failure('get_user_type', { type_id: 'otyUnknown0000000000' })).toMatchObject({
      type: 'user_input_error', status: 404, okta: { errorCode: 'E0000007' },
    });
  });

  test('list_user_types_ddl lists both types', async () => {
    const { result } = await call('list_user_types_ddl', {});
    expect(result).toEqual(expect.arrayContaining([
      expect.objectContaining({ value: defaultUserType(org)!.id }),
      expect.objectContaining({ value: contractor().id }),
    ]));
    expect(result).toHaveLength(2);
  });
});

describe('user schemas', () => {
  test('get_user_schema default: Okta UserSchema shape with base and custom subschemas', async () => {
    const schema = await call('get_user_schema', {});
    const schemaId = schemaIdOfType(org, defaultUserType(org)!.id);
    expect(schema).toMatchObject({
      id: `${baseUrl}/meta/schemas/user/${schemaId}`,
      $schema: 'http://json-schema.org/draft-04/schema#',
      name: 'user',
      type: 'object',
      definitions: {
        base: { id: '#base', type: 'object', required: ['login', 'firstName', 'lastName', 'email'] },
        custom: { id: '#custom', type: 'object', required: [] },
      },
      properties: { profile: { allOf: [{ $ref: '#/definitions/custom' }, { $ref: '#/definitions/base' }] } },
    });
    expect(Object.keys(schema.definitions.base.properties)).toEqual(expect.arrayContaining(['login', 'email', 'firstName', 'lastName', 'mobilePhone', 'secondEmail', 'costCenter', 'employeeNumber']));
    expect(schema.definitions.base.properties.login).toMatchObject({ title: 'Username', type: 'string', required: true, mutability: 'READ_WRITE', scope: 'NONE', master: { type: 'PROFILE_MASTER' } });
    expect(Object.keys(schema.definitions.custom.properties)).toEqual(['badgeId', 'startDate', 'isContractor', 'region']);
  });

  test('get_user_schema by the Contractor schema id: agency is a required custom attribute', async () => {
    const schemaId = schemaIdOfType(org, contractor().id)!;
    const schema = await call('get_user_schema', { schema_id: schemaId });
    expect(schema.definitions.custom.required).toEqual(['agency']);
    expect(schema.definitions.custom.properties.agency).toMatchObject({ type: 'string', required: true });
  });

  test('get_user_schema of an unknown id → 404 E0000007', async () => {
    expect(await failure('get_user_schema', { schema_id: 'oscUnknown0000000000' })).toMatchObject({
      type: 'user_input_error', status: 404, okta: { errorCode: 'E0000007' },
    });
  });

  test('get_user_schema_ddl: the default alias, then the other types by schema id', async () => {
    const { result } = await call('get_user_schema_ddl', {});
    expect(result).toEqual([
      { text: 'Default (User)', value: 'default' },
      { text: 'Contractor', value: schemaIdOfType(org, contractor().id) },
    ]);
  });

  test('get_user_schema_property: custom first, then base; unknown names are user_input_error', async () => {
    expect(await call('get_user_schema_property', { property_name: 'isContractor' })).toMatchObject({
      name: 'isContractor', origin: 'custom', definition: { type: 'boolean' },
    });
    expect(await call('get_user_schema_property', { property_name: 'mobilePhone' })).toMatchObject({
      name: 'mobilePhone', origin: 'base', definition: { title: 'Mobile phone', type: 'string' },
    });
    const error = await failure('get_user_schema_property', { property_name: 'shoeSize' });
    expect(error).toMatchObject({ type: 'user_input_error' });
    expect(error.message).toContain('badgeId');
  });

  test('list_user_profile_custom_fields: default schema, and the schema of a user type', async () => {
    const byDefault = await call('list_user_profile_custom_fields', {});
    expect(byDefault.schema_id).toBe('default');
    expect(byDefault.fields.map((f: { name: string }) => f.name)).toEqual(['badgeId', 'startDate', 'isContractor', 'region']);
    expect(byDefault.fields.find((f: { name: string }) => f.name === 'badgeId')).toMatchObject({ title: 'Badge ID', required: false, unique: 'UNIQUE_VALIDATED' });
    const byType = await call('list_user_profile_custom_fields', { user_type_id: contractor().id });
    expect(byType.schema_id).toBe(schemaIdOfType(org, contractor().id));
    expect(byType.fields).toEqual([
      expect.objectContaining({ name: 'agency', required: true }),
      expect.objectContaining({ name: 'contractEndDate', required: false }),
    ]);
    expect(await failure('list_user_profile_custom_fields', { user_type_id: 'otyUnknown0000000000' })).toMatchObject({
      type: 'user_input_error', status: 404, okta: { errorCode: 'E0000007' },
    });
  });

  test('get_user_profile_custom_field: by name, and only custom attributes', async () => {
    const field = await call('get_user_profile_custom_field', { field_name: 'region' });
    expect(JSON.stringify(field)).toContain('EMEA');
    expect(await failure('get_user_profile_custom_field', { field_name: 'login' })).toMatchObject({ type: 'user_input_error' });
    const agency = await call('get_user_profile_custom_field', { user_type_id: contractor().id, field_name: 'agency' });
    expect(JSON.stringify(agency)).toContain('Agency');
  });

  test('list_user_profile_custom_fields_ddl: custom attributes, optionally with base ones', async () => {
    const { result } = await call('list_user_profile_custom_fields_ddl', {});
    expect(result.map((o: { value: string }) => o.value)).toEqual(['badgeId', 'startDate', 'isContractor', 'region']);
    expect(result[0].text).toContain('Badge ID');
    const withBase = await call('list_user_profile_custom_fields_ddl', { include_base: true });
    expect(withBase.result.map((o: { value: string }) => o.value)).toEqual(expect.arrayContaining(['login', 'region']));
  });
});

testSpecConformance(check, 'user types and schemas', 5);
