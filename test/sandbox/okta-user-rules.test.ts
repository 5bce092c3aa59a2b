/**
 * Where Okta says no (or yes) on users, the sandbox says the same. Each test names where Okta documents the rule:
 * "spec Lnnnnn" is a line of Okta's management spec (the file test/support/okta-spec.ts reads); other sources are
 * named in full, as in docs/OKTA-NOTES.md.
 * Rules Okta does not document are listed in docs/SANDBOX.md instead.
 */
import { invoke } from '../../src/index';
import { SANDBOX_PASSWORD } from '../../src/sandbox';
import { testSpecConformance } from '../support/sandbox-spec-check';
import { DemoOrgServer, oktaError } from './demo-org-server';

const sandbox = new DemoOrgServer();
const { api } = { api: (method: string, path: string, body?: unknown) => sandbox.api(method, path, body) };
const newProfile = (first: string, extra: Record<string, unknown> = {}) => {
  const login = `${first.toLowerCase()}.rules@example.com`;
  return { firstName: first, lastName: 'Rules', login, email: login, ...extra };
};
const contractorTypeId = () => [...sandbox.org.userTypes.values()].find((t) => t.name === 'contractor')!.id;

beforeAll(() => sandbox.start());
afterAll(() => sandbox.stop());

describe('read-modify-write', () => {
  // Okta's own Node SDK updates a user by posting back the user it read (okta-sdk-nodejs README, "Update a User");
  // the read shows a set password as `password: {}` (spec `PasswordCredential`), which the write ignores.
  test('POST and PUT of the user exactly as GET returned it answer 200 and change nothing', async () => {
    const alice = sandbox.user('alice.smith@example.com');
    const read = await api('GET', `/api/v1/users/${alice.id}`);
    expect(read.body.credentials).toMatchObject({ password: {}, provider: { type: 'OKTA', name: 'OKTA' } });
    const before = { passwordChanged: alice.passwordChanged, profile: structuredClone(alice.profile) };
    const posted = await api('POST', `/api/v1/users/${alice.id}`, read.body);
    expect(posted.status).toBe(200);
    const put = await api('PUT', `/api/v1/users/${alice.id}`, read.body);
    expect(put.status).toBe(200);
    expect(alice.passwordChanged).toBe(before.passwordChanged);
    expect(alice.profile).toEqual(before.profile);
  });

  test('a recovery question sent back as read (without its answer) is kept, not refused', async () => {
    const user = [...sandbox.org.users.values()].find((u) => u.credentials?.recovery_question)!;
    const read = await api('GET', `/api/v1/users/${user.id}`);
    expect((await api('POST', `/api/v1/users/${user.id}`, { credentials: read.body.credentials })).status).toBe(200);
    expect(user.credentials.recovery_question).toEqual(read.body.credentials.recovery_question);
  });
});

describe('the profile follows the user type\'s schema (spec UserSchema, getUserSchema L18946)', () => {
  // pulumi/pulumi-okta#388: "Api validation failed: newUser. Causes: Property name 'customProperty' is not defined in profile".
  test('an attribute the schema does not define is 400 E0000001, on create and on update; nothing is stored', async () => {
    const create = await api('POST', '/api/v1/users?activate=false', { profile: newProfile('Bogus', { bogusField: 'zzz', age: 33 }) });
    expect(create).toMatchObject(oktaError(400, 'E0000001', 'Api validation failed: newUser', ["Property name 'bogusField' is not defined in profile", "Property name 'age' is not defined in profile"]));
    expect(sandbox.org.findUser('bogus.rules@example.com')).toBeUndefined();
    const alice = sandbox.user('alice.smith@example.com');
    const update = await api('POST', `/api/v1/users/${alice.id}`, { profile: { bogusField: 'zzz' } });
    expect(update).toMatchObject(oktaError(400, 'E0000001', undefined, ["Property name 'bogusField' is not defined in profile"]));
    expect(alice.profile.bogusField).toBeUndefined();
  });

  test('type and enum of custom attributes: isContractor is a boolean, region one of AMER/EMEA/APAC', async () => {
    const answer = await api('POST', '/api/v1/users?activate=false', { profile: newProfile('Typed', { isContractor: 'yes', region: 'MARS' }) });
    expect(answer.status).toBe(400);
    expect(answer.body.errorCode).toBe('E0000001');
    expect(answer.body.errorSummary).toBe('Api validation failed: isContractor');
    expect(answer.body.errorCauses.map((c: any) => c.errorSummary)).toEqual([
      'isContractor: Does not match required type boolean',
      'region: Does not match one of the allowed values: AMER, EMEA, APAC',
    ]);
    const ok = await api('POST', '/api/v1/users?activate=false', { profile: newProfile('Typed', { isContractor: true, region: 'EMEA' }) });
    expect(ok).toMatchObject({ status: 200, body: { profile: { isContractor: true, region: 'EMEA' } } });
  });

  test('maxLength of base and custom attributes (firstName 50, badgeId 20)', async () => {
    const answer = await api('POST', '/api/v1/users?activate=false', { profile: newProfile('L'.repeat(51), { login: 'long.rules@example.com', email: 'long.rules@example.com', badgeId: 'B'.repeat(21) }) });
    expect(answer).toMatchObject(oktaError(400, 'E0000001', 'Api validation failed: firstName', [
      'firstName: The field is too long (maximum 50 characters)',
      'badgeId: The field is too long (maximum 20 characters)',
    ]));
  });

  // spec "Unique Attributes" (Schema tag, L813): a duplicate value of a unique property fails the create or update; null never clashes.
  test('a unique attribute (badgeId) refuses a value another user has', async () => {
    const first = await api('POST', '/api/v1/users?activate=false', { profile: newProfile('Badge', { badgeId: 'B-1001' }) });
    expect(first.status).toBe(200);
    const twin = await api('POST', '/api/v1/users?activate=false', { profile: newProfile('Twin', { badgeId: 'B-1001' }) });
    expect(twin).toMatchObject(oktaError(400, 'E0000001', 'Api validation failed: badgeId', ['badgeId: An object with this field already exists in the current organization']));
    const alice = sandbox.user('alice.smith@example.com');
    expect((await api('POST', `/api/v1/users/${alice.id}`, { profile: { badgeId: 'B-1001' } })).status).toBe(400);
    expect((await api('POST', `/api/v1/users/${first.body.id}`, { profile: { badgeId: 'B-1001' } })).status).toBe(200);
  });

  test('required attributes follow the user type: the Contractor type requires agency', async () => {
    const type = { id: contractorTypeId() };
    const missing = await api('POST', '/api/v1/users?activate=false', { type, profile: newProfile('Agentless') });
    expect(missing).toMatchObject(oktaError(400, 'E0000001', 'Api validation failed: agency', ['agency: The field cannot be left blank']));
    const made = await api('POST', '/api/v1/users?activate=false', { type, profile: newProfile('Agented', { agency: 'Northwind Staffing' }) });
    expect(made).toMatchObject({ status: 200, body: { type, profile: { agency: 'Northwind Staffing' } } });
    // The Contractor schema has no badgeId: the default type's custom attributes are not the contractor's.
    expect((await api('POST', `/api/v1/users/${made.body.id}`, { profile: { badgeId: 'B-9' } })).body.errorCauses).toEqual([{ errorSummary: "Property name 'badgeId' is not defined in profile" }]);
    // Clearing a required attribute with null is refused too.
    expect((await api('POST', `/api/v1/users/${made.body.id}`, { profile: { agency: null } })).body.errorCauses).toEqual([{ errorSummary: 'agency: The field cannot be left blank' }]);
  });

  test('the base schema\'s required four and email shape', async () => {
    const answer = await api('POST', '/api/v1/users?activate=false', { profile: { login: 'nobody', email: 'not-an-email' } });
    expect(answer.body.errorCauses.map((c: any) => c.errorSummary)).toEqual([
      'firstName: The field cannot be left blank',
      'lastName: The field cannot be left blank',
      'login: Username must be in the form of an email address',
      'email: Does not match required pattern',
    ]);
  });

  // spec UserSchemaAttributeMutabilityString (READ_ONLY): the API cannot write a read-only attribute.
  test('a READ_ONLY attribute cannot be written', async () => {
    const schemaId = (await api('GET', '/api/v1/meta/schemas/user/default')).body.id.split('/').pop();
    sandbox.org.userSchemas.get(schemaId)!.definitions.custom.properties.startDate.mutability = 'READ_ONLY';
    const alice = sandbox.user('alice.smith@example.com');
    const answer = await api('POST', `/api/v1/users/${alice.id}`, { profile: { startDate: '2026-01-01' } });
    expect(answer).toMatchObject(oktaError(400, 'E0000001', 'Api validation failed: startDate', ['startDate: The field is read-only']));
    sandbox.org.userSchemas.get(schemaId)!.definitions.custom.properties.startDate.mutability = 'READ_WRITE';
  });
});

describe('listUsers: filter and search take what Okta takes (spec listUsers L24622)', () => {
  const list = (param: 'filter' | 'search', expr: string) => api('GET', `/api/v1/users?${param}=${encodeURIComponent(expr)}`);

  // spec: filter supports status, lastUpdated, id, profile.login/email/firstName/lastName; eq only (lastUpdated also
  // gt/ge/lt/le); and/or, not `not`. Okta's error for a bad listUsers expression: 400 E0000031 (docs/OKTA-NOTES.md#search-and-filter).
  test('filter: only the seven properties, eq (ranges on lastUpdated), no not', async () => {
    expect(await list('filter', 'profile.department eq "Sales"')).toMatchObject(oktaError(400, 'E0000031', 'Invalid search criteria.'));
    expect(await list('filter', 'status sw "ACT"')).toMatchObject(oktaError(400, 'E0000031'));
    expect(await list('filter', 'not (status eq "ACTIVE")')).toMatchObject(oktaError(400, 'E0000031'));
    expect(await list('filter', 'status gt "ACTIVE"')).toMatchObject(oktaError(400, 'E0000031'));
    const active = await list('filter', 'status eq "ACTIVE" and lastUpdated gt "2000-01-01T00:00:00.000Z"');
    expect(active.status).toBe(200);
    expect(active.body.length).toBeGreaterThan(0);
    expect((await list('filter', 'profile.login eq "alice.smith@example.com" or profile.firstName eq "Bob"')).body.map((u: any) => u.profile.login).sort()).toEqual(['alice.smith@example.com', 'bob.jones@example.com']);
  });

  // spec: search has sw, eq, co (co only on firstName/lastName/email/login); "The ne (not equal) operator isn't supported".
  test('search: no ne, co only on the four name attributes, any profile attribute', async () => {
    expect(await list('search', 'status ne "ACTIVE"')).toMatchObject(oktaError(400, 'E0000031', 'Invalid search criteria.'));
    expect(await list('search', 'profile.department co "ale"')).toMatchObject(oktaError(400, 'E0000031'));
    expect(await list('search', 'profile.department ew "les"')).toMatchObject(oktaError(400, 'E0000031'));
    expect(await list('search', 'credentials.provider.type eq "OKTA"')).toMatchObject(oktaError(400, 'E0000031'));
    const sales = await list('search', 'profile.department eq "sales"');
    expect(sales.status).toBe(200);
    expect(sales.body.length).toBeGreaterThan(0);
    expect((await list('search', 'profile.firstName co "lic"')).body.map((u: any) => u.profile.login)).toContain('alice.smith@example.com');
    // The spec's own way around ne:
    const notStaged = await list('search', '(status lt "STAGED" or status gt "STAGED")');
    expect(notStaged.body.every((u: any) => u.status !== 'STAGED')).toBe(true);
  });
});

describe('status rules', () => {
  // docs/OKTA-NOTES.md#user-status: PROVISIONED becomes ACTIVE once the password is set; spec updateUser sets it without the old one.
  test('an admin-set password moves a PROVISIONED user to ACTIVE', async () => {
    const provisioned = sandbox.byStatus('PROVISIONED');
    const answer = await api('POST', `/api/v1/users/${provisioned.id}`, { credentials: { password: { value: 'Provisioned-Pass-7' } } });
    expect(answer).toMatchObject({ status: 200, body: { status: 'ACTIVE', credentials: { password: {} } } });
    expect(answer.body.activated).toEqual(expect.any(String));
  });

  // spec unlockUser (L25720): unlocks LOCKED_OUT users, or ACTIVE users blocked from unknown devices (sandbox users never are).
  test('unlock: LOCKED_OUT → ACTIVE; an ACTIVE user without a device block is 403 E0000032', async () => {
    const alice = sandbox.user('alice.smith@example.com');
    expect(await api('POST', `/api/v1/users/${alice.id}/lifecycle/unlock`)).toMatchObject(oktaError(403, 'E0000032', 'Unlock is not allowed for this user.'));
    expect((await api('GET', `/api/v1/users/${alice.id}?expand=blocks`)).body._embedded).toEqual({ blocks: [] });
    const locked = sandbox.byStatus('LOCKED_OUT');
    expect((await api('POST', `/api/v1/users/${locked.id}/lifecycle/unlock`)).status).toBe(200);
    expect(locked.status).toBe('ACTIVE');
  });
});

describe('credentials (spec tag UserCred)', () => {
  // spec changePassword (L26369): validates the current password; STAGED, ACTIVE, PASSWORD_EXPIRED or RECOVERY only;
  // RECOVERY becomes ACTIVE. A wrong current password: 403 E0000014 "Update of credentials failed" (error-code catalog, docs/OKTA-NOTES.md#error-bodies).
  test('change password proves the old one, answers UserCredentials, and ends RECOVERY', async () => {
    const user = sandbox.byStatus('RECOVERY');
    const wrong = await api('POST', `/api/v1/users/${user.id}/credentials/change_password`, { oldPassword: { value: 'not-it-1' }, newPassword: { value: 'Brand-New-Pass-9' } });
    expect(wrong).toMatchObject(oktaError(403, 'E0000014', 'Update of credentials failed', ['oldPassword: The credentials provided were incorrect.']));
    const weak = await api('POST', `/api/v1/users/${user.id}/credentials/change_password`, { oldPassword: { value: SANDBOX_PASSWORD }, newPassword: { value: 'short' } });
    expect(weak).toMatchObject(oktaError(400, 'E0000001', 'Api validation failed: password'));
    const done = await api('POST', `/api/v1/users/${user.id}/credentials/change_password`, { oldPassword: { value: SANDBOX_PASSWORD }, newPassword: { value: 'Brand-New-Pass-9' } });
    expect(done).toMatchObject({ status: 200, body: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } } });
    expect(JSON.stringify(done.body)).not.toContain('Brand-New-Pass-9');
    expect(user.status).toBe('ACTIVE');
    const again = await api('POST', `/api/v1/users/${user.id}/credentials/change_password`, { oldPassword: { value: 'Brand-New-Pass-9' }, newPassword: { value: 'Brand-New-Pass-9' } });
    expect(again.status).toBe(400);
  });

  test('change password is refused for a SUSPENDED user (403 E0000038)', async () => {
    const user = sandbox.byStatus('SUSPENDED');
    const answer = await api('POST', `/api/v1/users/${user.id}/credentials/change_password`, { oldPassword: { value: SANDBOX_PASSWORD }, newPassword: { value: 'Brand-New-Pass-8' } });
    expect(answer).toMatchObject(oktaError(403, 'E0000038'));
  });

  // spec changeRecoveryQuestion (L26424): validates the current password; STAGED, ACTIVE or RECOVERY.
  test('change recovery question proves the password and keeps only the question', async () => {
    const bob = sandbox.user('bob.jones@example.com');
    const body = { password: { value: SANDBOX_PASSWORD }, recovery_question: { question: 'Favourite tea?', answer: 'Lapsang' } };
    const answer = await api('POST', `/api/v1/users/${bob.id}/credentials/change_recovery_question`, body);
    expect(answer).toMatchObject({ status: 200, body: { recovery_question: { question: 'Favourite tea?' } } });
    expect(JSON.stringify(answer.body)).not.toContain('Lapsang');
    const wrong = await api('POST', `/api/v1/users/${bob.id}/credentials/change_recovery_question`, { ...body, password: { value: 'nope-1234' } });
    expect(wrong).toMatchObject(oktaError(403, 'E0000014'));
  });
});

describe('demo data and paths', () => {
  test('the README\'s list_users_ddl {search: "al"} finds Alice Smith', async () => {
    const answer: any = await invoke('list_users_ddl', { search: 'al' }, { auth: { domain: sandbox.baseUrl, api_token: sandbox.token } });
    expect(answer.result).toContainEqual({ text: 'Alice Smith (alice.smith@example.com)', value: sandbox.user('alice.smith@example.com').id });
  });

  // Error-code catalog (docs/OKTA-NOTES.md#error-bodies): E0000008 is 404 "The requested path was not found"; the summary adds that the sandbox does not emulate it.
  test('a path the sandbox does not emulate is 404 E0000008 saying so', async () => {
    const answer = await api('GET', '/api/v1/brands');
    expect(answer).toMatchObject(oktaError(404, 'E0000008', 'The requested path was not found: the Okta sandbox does not emulate GET /api/v1/brands'));
  });
});

testSpecConformance(sandbox.spec, 'user rules', 15);
