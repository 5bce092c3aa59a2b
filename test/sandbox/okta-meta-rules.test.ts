/**
 * User schema writes and user type writes (spec tags Schema and UserType), with where Okta documents each rule.
 */
import { testSpecConformance } from '../support/sandbox-spec-check';
import { DemoOrgServer, oktaError } from './demo-org-server';

const sandbox = new DemoOrgServer();
const api = (method: string, path: string, body?: unknown) => sandbox.api(method, path, body);
const addProperty = (name: string, attribute: unknown) => ({ definitions: { custom: { id: '#custom', type: 'object', properties: { [name]: attribute } } } });

beforeAll(() => sandbox.start());
afterAll(() => sandbox.stop());

describe('updateUserProfile (spec L18988): add, change and remove custom attributes', () => {
  test('an added attribute is in the schema and enforced on users; a unique one shows UNIQUE_VALIDATED (Schema tag L813)', async () => {
    const answer = await api('POST', '/api/v1/meta/schemas/user/default', addProperty('shoeSize', { title: 'Shoe size', type: 'integer', unique: true, required: false }));
    expect(answer).toMatchObject({ status: 200, body: { definitions: { custom: { properties: { shoeSize: { title: 'Shoe size', type: 'integer', unique: 'UNIQUE_VALIDATED', mutability: 'READ_WRITE' } } } } } });
    const alice = sandbox.user('alice.smith@example.com');
    expect((await api('POST', `/api/v1/users/${alice.id}`, { profile: { shoeSize: 'large' } })).body.errorCauses).toEqual([{ errorSummary: 'shoeSize: Does not match required type integer' }]);
    expect((await api('POST', `/api/v1/users/${alice.id}`, { profile: { shoeSize: 38 } })).status).toBe(200);
  });

  // "You must set properties explicitly to null to remove them from the schema" (spec updateUserProfile).
  test('a property set to null is removed, and users lose its value', async () => {
    const alice = sandbox.user('alice.smith@example.com');
    const answer = await api('POST', '/api/v1/meta/schemas/user/default', addProperty('shoeSize', null));
    expect(answer.status).toBe(200);
    expect(answer.body.definitions.custom.properties.shoeSize).toBeUndefined();
    expect(alice.profile.shoeSize).toBeUndefined();
    expect((await api('POST', `/api/v1/users/${alice.id}`, { profile: { shoeSize: 38 } })).body.errorCauses).toEqual([{ errorSummary: "Property name 'shoeSize' is not defined in profile" }]);
  });

  // Okta support article "API validation failed: Invalid property name": alphanumerics and underscores, not starting with a digit.
  test('an invalid property name, a missing title or an unknown type is 400 E0000001; nothing changes', async () => {
    expect(await api('POST', '/api/v1/meta/schemas/user/default', addProperty('2fast', { title: 'x', type: 'string' }))).toMatchObject(oktaError(400, 'E0000001', 'Api validation failed: invalid property name'));
    expect((await api('POST', '/api/v1/meta/schemas/user/default', addProperty('ok', { type: 'string' }))).status).toBe(400);
    expect((await api('POST', '/api/v1/meta/schemas/user/default', addProperty('ok', { title: 'OK', type: 'date' }))).status).toBe(400);
    expect((await api('GET', '/api/v1/meta/schemas/user/default')).body.definitions.custom.properties.ok).toBeUndefined();
  });

  // spec updateUserProfile: only permissions, the nullability of firstName/lastName and the login pattern of base properties change.
  test('base properties: lastName may become optional; a base maxLength change is refused', async () => {
    const base = (properties: unknown) => ({ definitions: { base: { id: '#base', type: 'object', properties } } });
    const optional = await api('POST', '/api/v1/meta/schemas/user/default', base({ lastName: { required: false } }));
    expect(optional.status).toBe(200);
    expect(optional.body.definitions.base.required).not.toContain('lastName');
    const made = await api('POST', '/api/v1/users?activate=false', { profile: { firstName: 'Mono', login: 'mono@example.com', email: 'mono@example.com' } });
    expect(made.status).toBe(200);
    expect((await api('POST', '/api/v1/meta/schemas/user/default', base({ firstName: { maxLength: 80 } }))).status).toBe(400);
    expect((await api('POST', '/api/v1/meta/schemas/user/default', base({ lastName: { required: true } }))).status).toBe(200);
  });
});

describe('user types (spec createUserType L19061, updateUserType L19134, replaceUserType L19177, deleteUserType L19219)', () => {
  let typeId = '';

  test('create: name and displayName required, name pattern, a schema of its own from the default template', async () => {
    expect((await api('POST', '/api/v1/meta/types/user', { displayName: 'No name' })).status).toBe(400);
    expect((await api('POST', '/api/v1/meta/types/user', { name: '9lives', displayName: 'Cats' })).status).toBe(400);
    const made = await api('POST', '/api/v1/meta/types/user', { name: 'partner', displayName: 'Partner', description: 'Partner staff' });
    expect(made).toMatchObject({ status: 200, body: { name: 'partner', displayName: 'Partner', default: false, _links: { schema: { href: expect.stringContaining('/meta/schemas/user/osc') } } } });
    typeId = made.body.id;
    const schema = await api('GET', new URL(made.body._links.schema.href).pathname);
    expect(Object.keys(schema.body.definitions.custom.properties)).toEqual(expect.arrayContaining(['badgeId', 'region']));
    expect((await api('POST', '/api/v1/meta/types/user', { name: 'partner', displayName: 'Again' })).status).toBe(400);
  });

  test('update changes displayName/description; the name cannot change; PUT must repeat it', async () => {
    expect(await api('POST', `/api/v1/meta/types/user/${typeId}`, { displayName: 'Partners' })).toMatchObject({ status: 200, body: { displayName: 'Partners', name: 'partner' } });
    expect((await api('POST', `/api/v1/meta/types/user/${typeId}`, { name: 'renamed' })).status).toBe(400);
    expect((await api('PUT', `/api/v1/meta/types/user/${typeId}`, { displayName: 'P', description: 'd' })).status).toBe(400);
    expect(await api('PUT', `/api/v1/meta/types/user/${typeId}`, { name: 'partner', displayName: 'Partner', description: 'Partner staff' })).toMatchObject({ status: 200, body: { displayName: 'Partner' } });
  });

  test('delete: not the default type, not a type users have; otherwise 204 and gone', async () => {
    const defaultType = (await api('GET', '/api/v1/meta/types/user/default')).body;
    expect(await api('DELETE', `/api/v1/meta/types/user/${defaultType.id}`)).toMatchObject(oktaError(403, 'E0000006'));
    const contractor = [...sandbox.org.userTypes.values()].find((t) => t.name === 'contractor')!;
    expect((await api('DELETE', `/api/v1/meta/types/user/${contractor.id}`)).status).toBe(400);
    expect((await api('DELETE', `/api/v1/meta/types/user/${typeId}`)).status).toBe(204);
    expect(await api('GET', `/api/v1/meta/types/user/${typeId}`)).toMatchObject(oktaError(404, 'E0000007'));
  });
});

testSpecConformance(sandbox.spec, 'schema and type writes', 8);
