/**
 * The sandbox's Users API driven by the connector's real operations over loopback HTTP: the connector and
 * the emulator must agree on paths, bodies, paging and Okta's error codes.
 */
import http from 'node:http';
import { invoke } from '../../src/index';
import { createSandboxServer, listen } from '../../src/sandbox/core/server';
import { SandboxOrg } from '../../src/sandbox/core/org';
import { seedUsers, usersRoutes } from '../../src/sandbox/users/users';
import { SandboxSpecCheck, testSpecConformance } from '../support/sandbox-spec-check';
import { allowTestOrg } from '../support/test-org-destination';

const token = 'sandbox-users-test-token';
const org = new SandboxOrg('http://127.0.0.1');
let server: http.Server;
let auth: { domain: string; api_token: string };

const spec = new SandboxSpecCheck();

const run = <T = any>(operation: string, input: Record<string, unknown>): Promise<T> => invoke(operation, input, { auth }) as Promise<T>;
const profileOf = (first: string, last: string, extra: Record<string, unknown> = {}) => {
  const login = `${first}.${last}@example.com`.toLowerCase();
  return { firstName: first, lastName: last, login, email: login, ...extra };
};
/** A raw call, for what the connector's operations never send. */
async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any; headers: Headers }> {
  const res = await fetch(`${auth.domain}${path}`, {
    method,
    headers: { Authorization: `SSWS ${token}`, 'Content-Type': 'application/json', ...(body === undefined && method !== 'GET' ? { 'Content-Length': '0' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}
const byStatus = (status: string) => [...org.users.values()].find((u) => u.status === status && u.id !== org.adminId)!;
const okta = (status: number, errorCode: string) => ({ type: status === 403 && errorCode === 'E0000006' ? 'permission_error' : 'user_input_error', status, okta: { errorCode } });

beforeAll(async () => {
  const started = performance.now();
  seedUsers(org, { users: 450 });
  expect(performance.now() - started).toBeLessThan(1000);
  org.groups.set('00gengineering000001', { id: '00gengineering000001', type: 'OKTA_GROUP', profile: { name: 'Engineering' } });
  server = createSandboxServer({ routes: spec.wrap(usersRoutes(org)), token });
  auth = { domain: await listen(server), api_token: token };
  allowTestOrg(auth.domain);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('seedUsers', () => {
  it('seeds 10,000 users quickly, with the admin and every status', () => {
    const big = new SandboxOrg('http://127.0.0.1');
    const started = performance.now();
    seedUsers(big, { users: 10_000 });
    expect(performance.now() - started).toBeLessThan(1500);
    expect(big.users.size).toBe(10_000);
    expect(big.users.get(big.adminId)?.profile.login).toBe('admin@example.com');
    const statuses = new Set([...big.users.values()].map((u) => u.status));
    for (const s of ['ACTIVE', 'STAGED', 'PROVISIONED', 'SUSPENDED', 'LOCKED_OUT', 'DEPROVISIONED', 'PASSWORD_EXPIRED']) expect(statuses).toContain(s);
    const logins = [...big.users.values()].map((u) => u.profile.login.toLowerCase());
    expect(new Set(logins).size).toBe(logins.length);
    expect(logins.every((l) => /^[a-z0-9.]+@example\.com$/.test(l))).toBe(true);
    expect([...big.users.values()].some((u) => u.profile.costCenter && u.profile.employeeNumber)).toBe(true);
  });
});

describe('create_user', () => {
  it('creates an ACTIVE user with a password, a group and a custom attribute', async () => {
    const user = await run('create_user', {
      profile: profileOf('Ada', 'Lovelace', { costCenter: 'CC-42' }),
      password: 'Analytical1Engine',
      activate: true,
      group_ids: ['00gengineering000001'],
    });
    expect(user).toMatchObject({ status: 'ACTIVE', profile: { login: 'ada.lovelace@example.com', costCenter: 'CC-42' }, credentials: { password: {}, provider: { type: 'OKTA' } } });
    expect(user.activated).toEqual(expect.any(String));
    expect(JSON.stringify(user)).not.toContain('Analytical1Engine');
    expect(org.memberships.get('00gengineering000001')?.has(user.id)).toBe(true);
    expect(org.logEvents.map((e) => e.eventType)).toEqual(expect.arrayContaining(['user.lifecycle.create', 'group.user_membership.add', 'user.lifecycle.activate']));
  });

  it('gives STAGED without activation and PROVISIONED when activated without a password', async () => {
    expect((await run('create_user', { profile: profileOf('Grace', 'Hopper'), activate: false })).status).toBe('STAGED');
    expect((await run('create_user', { profile: profileOf('Alan', 'Turing'), activate: true })).status).toBe('PROVISIONED');
  });

  it('creates with nextLogin=changePassword as PASSWORD_EXPIRED', async () => {
    const user = await run('create_user', { profile: profileOf('Barbara', 'Liskov'), password: 'Substitut10n', activate: true, next_login: 'changePassword' });
    expect(user.status).toBe('PASSWORD_EXPIRED');
  });

  it('refuses a duplicate login, ignoring case', async () => {
    const error = await run('create_user', { profile: profileOf('ADA', 'LOVELACE'), activate: false }).catch((e) => e);
    expect(error).toMatchObject(okta(400, 'E0000001'));
    expect(error.okta.errorCauses).toEqual([{ errorSummary: 'login: An object with this field already exists in the current organization' }]);
  });

  it('refuses a weak password, a login that is not an email, and over 20 groups', async () => {
    const weak = await run('create_user', { profile: profileOf('Weak', 'Password'), password: 'short', activate: true }).catch((e) => e);
    expect(weak).toMatchObject(okta(400, 'E0000001'));
    expect(weak.okta.errorCauses[0].errorSummary).toMatch(/^password: Password requirements were not met/);
    const login = await run('create_user', { profile: { ...profileOf('No', 'Email'), login: 'no-email' }, activate: false }).catch((e) => e);
    expect(login).toMatchObject(okta(400, 'E0000001'));
    // The connector's input schema already caps group_ids at 20, so ask the sandbox directly.
    const groups = Array.from({ length: 21 }, () => '00gengineering000001');
    const tooMany = await api('POST', '/api/v1/users?activate=false', { profile: profileOf('Many', 'Groups'), groupIds: groups });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body).toMatchObject({ errorCode: 'E0000093', errorCauses: [] });
    expect(await run('create_user', { profile: profileOf('Lost', 'Group'), activate: false, group_ids: ['00gmissing0000000001'] }).catch((e) => e)).toMatchObject(okta(404, 'E0000007'));
  });
});

describe('get_user', () => {
  it('finds a user by id, login and short name, with lifecycle links for its status and an ETag', async () => {
    const staged = byStatus('STAGED');
    const byId = await run('get_user', { user_id: staged.id });
    expect(byId.id).toBe(staged.id);
    expect(Object.keys(byId._links).sort()).toEqual(['activate', 'deactivate', 'schema', 'self', 'type']);
    expect((await run('get_user', { user_id: staged.profile.login.toUpperCase() })).id).toBe(staged.id);
    expect((await run('get_user', { user_id: 'ada.lovelace' })).profile.login).toBe('ada.lovelace@example.com');
    const res = await api('GET', `/api/v1/users/${staged.id}`);
    expect(res.headers.get('etag')).toMatch(/^W\/"[0-9a-f]{16}"$/);
  });

  it('answers 404 E0000007 for an unknown user', async () => {
    expect(await run('get_user', { user_id: 'nobody@example.com' }).catch((e) => e)).toMatchObject(okta(404, 'E0000007'));
  });
});

describe('list_users', () => {
  const visible = () => [...org.users.values()].filter((u) => u.status !== 'DEPROVISIONED').length;

  it('fetches every page of the plain list (DEPROVISIONED left out), 200 at a time', async () => {
    const out = await run('list_users', { fetch_all: true, limit: 200 });
    expect(out.users).toHaveLength(visible());
    expect(visible()).toBeGreaterThan(400);
    expect(new Set(out.users.map((u: any) => u.id)).size).toBe(out.users.length);
    expect(out.users.some((u: any) => u.status === 'DEPROVISIONED')).toBe(false);
    expect(Object.keys(out.users[0]._links)).toEqual(['self']);
  });

  it('pages by cursor', async () => {
    const first = await run('list_users', { limit: 200 });
    expect(first.users).toHaveLength(200);
    const second = await run('list_users', { limit: 200, after: first.next_page_cursor });
    expect(second.users[0].id).not.toBe(first.users[0].id);
    expect(first.users.concat(second.users).length).toBe(400);
  });

  it('searches case-insensitively, including DEPROVISIONED users, and sorts', async () => {
    const out = await run('list_users', { search: 'status eq "deprovisioned"', fetch_all: true });
    expect(out.users.length).toBe([...org.users.values()].filter((u) => u.status === 'DEPROVISIONED').length);
    const sorted = await run('list_users', { search: 'profile.lastName sw "s"', sort_by: 'profile.lastName', sort_order: 'desc', limit: 50 });
    const names = sorted.users.map((u: any) => u.profile.lastName.toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
  });

  it('filters case-sensitively and finds with q (no DEPROVISIONED, 10 by default)', async () => {
    expect((await run('list_users', { filter: 'status eq "LOCKED_OUT"' })).users.length).toBeGreaterThan(0);
    expect((await run('list_users', { filter: 'status eq "locked_out"' })).users).toHaveLength(0);
    const q = await run('list_users', { q: 'Oli' });
    const expected = [...org.users.values()].filter((u) => u.status !== 'DEPROVISIONED' && /^oli/i.test(u.profile.firstName));
    expect(q.users.map((u: any) => u.id).sort()).toEqual(expected.map((u) => u.id).sort());
    expect(q.next_page_cursor).toBeNull();
    const defaultLimit = await api('GET', '/api/v1/users?q=Oli');
    expect(defaultLimit.body).toHaveLength(10);
    expect(defaultLimit.headers.get('link')).not.toContain('rel="next"');
  });

  it('answers E0000031 for an invalid search', async () => {
    expect(await run('list_users', { search: 'profile.login eq' }).catch((e) => e)).toMatchObject(okta(400, 'E0000031'));
  });
});

describe('list_users_ddl', () => {
  it('offers matching users that are not deactivated', async () => {
    const out = await run('list_users_ddl', { search: 'ada' });
    expect(out.result).toContainEqual({ text: 'Ada Lovelace (ada.lovelace@example.com)', value: expect.any(String) });
    const all = await run('list_users_ddl', {});
    expect(all.result).toHaveLength([...org.users.values()].filter((u) => u.status !== 'DEPROVISIONED').length);
  });
});

describe('update_user and set_user_password', () => {
  it('updates part of the profile and keeps the rest', async () => {
    const user = await run('update_user', { user_id: 'ada.lovelace@example.com', profile: { title: 'Countess' } });
    expect(user.profile).toMatchObject({ title: 'Countess', costCenter: 'CC-42', firstName: 'Ada' });
  });

  it('changes the user type with a full replace that keeps the profile', async () => {
    org.userTypes.set('otydefault0000000001', { id: 'otydefault0000000001', name: 'user', default: true });
    org.userTypes.set('otycontractor0000001', { id: 'otycontractor0000001', name: 'contractor', default: false });
    const ada = org.findUser('ada.lovelace@example.com')!;
    ada.type = { id: 'otydefault0000000001' };
    const user = await run('update_user', { user_id: ada.id, type_id: 'otycontractor0000001' });
    expect(user.type.id).toBe('otycontractor0000001');
    expect(user.profile).toMatchObject({ title: 'Countess', costCenter: 'CC-42' });
    const unknown = await run('update_user', { user_id: ada.id, type_id: 'otymissing0000000001' }).catch((e) => e);
    expect(unknown).toMatchObject(okta(400, 'E0000001'));
  });

  it('refuses an update with a stale ETag (412)', async () => {
    const error = await run('update_user', { user_id: 'ada.lovelace@example.com', profile: { title: 'Lady' }, if_match: 'W/"0000000000000000"' }).catch((e) => e);
    expect(error).toMatchObject({ status: 412 });
  });

  it('sets a password, and refuses one that breaks the policy', async () => {
    const before = org.findUser('grace.hopper@example.com')!;
    const user = await run('set_user_password', { user_id: before.id, password: 'C0bolRocks!' });
    expect(user.credentials.password).toEqual({});
    expect(user.passwordChanged).toEqual(expect.any(String));
    const error = await run('set_user_password', { user_id: before.id, password: 'nodigitshere' }).catch((e) => e);
    expect(error).toMatchObject(okta(400, 'E0000001'));
    expect(error.okta.errorCauses[0].errorSummary).toMatch(/^password: Password requirements were not met/);
    const reused = await run('set_user_password', { user_id: before.id, password: 'C0bolRocks!', strict: true }).catch((e) => e);
    expect(reused).toMatchObject(okta(400, 'E0000001'));
  });

  it('answers 404 E0000007 when updating a DEPROVISIONED user', async () => {
    const gone = byStatus('DEPROVISIONED');
    expect(await run('update_user', { user_id: gone.id, profile: { title: 'Ghost' } }).catch((e) => e)).toMatchObject(okta(404, 'E0000007'));
  });
});

describe('lifecycle operations', () => {
  it('activates a STAGED user and returns an activation link when no email is sent', async () => {
    const staged = await run('create_user', { profile: profileOf('Katherine', 'Johnson'), activate: false });
    const out = await run('activate_user', { user_id: staged.id, send_email: false });
    expect(out.activation_url).toBe(`${auth.domain}/tokens/${out.activation_token}/verify`);
    expect(out.user.status).toBe('PROVISIONED');
    expect(Object.keys(out.user._links)).toEqual(expect.arrayContaining(['reactivate', 'deactivate']));
    const again = await run('reactivate_user', { user_id: staged.id, send_email: true });
    expect(again.activation_token).toBeUndefined();
    expect(again.user.status).toBe('PROVISIONED');
  });

  it('refuses to activate an ACTIVE user (E0000016) and to reactivate one (E0000038)', async () => {
    const active = byStatus('ACTIVE');
    expect(await run('activate_user', { user_id: active.id }).catch((e) => e)).toMatchObject(okta(403, 'E0000016'));
    expect(await run('reactivate_user', { user_id: active.id }).catch((e) => e)).toMatchObject(okta(403, 'E0000038'));
  });

  it('suspends and unsuspends an ACTIVE user, stamping statusChanged', async () => {
    const active = byStatus('ACTIVE');
    const suspended = await run('suspend_user', { user_id: active.id });
    expect(suspended.user.status).toBe('SUSPENDED');
    expect(suspended.user.statusChanged).not.toBe('');
    expect(Object.keys(suspended.user._links)).toEqual(expect.arrayContaining(['unsuspend', 'deactivate']));
    expect((await run('unsuspend_user', { user_id: active.id })).user.status).toBe('ACTIVE');
  });

  it('refuses suspend and unsuspend from the wrong status with E0000001', async () => {
    const staged = byStatus('STAGED');
    expect(await run('suspend_user', { user_id: staged.id }).catch((e) => e)).toMatchObject(okta(400, 'E0000001'));
    expect(await run('unsuspend_user', { user_id: staged.id }).catch((e) => e)).toMatchObject(okta(400, 'E0000001'));
  });

  it('unlocks a LOCKED_OUT user, and refuses a SUSPENDED one with E0000032', async () => {
    const locked = byStatus('LOCKED_OUT');
    expect((await run('unlock_user', { user_id: locked.id })).user.status).toBe('ACTIVE');
    expect(await run('unlock_user', { user_id: byStatus('SUSPENDED').id }).catch((e) => e)).toMatchObject(okta(403, 'E0000032'));
  });

  it('deactivates, then answers 404 E0000007 on a second deactivation, and activates again', async () => {
    const user = byStatus('PASSWORD_EXPIRED');
    const out = await run('deactivate_user', { user_id: user.id });
    expect(out.user.status).toBe('DEPROVISIONED');
    expect(out.user.activated).toBeNull();
    expect(await run('deactivate_user', { user_id: user.id }).catch((e) => e)).toMatchObject(okta(404, 'E0000007'));
    expect((await run('activate_user', { user_id: user.id, send_email: true })).user.status).toBe('PROVISIONED');
  });

  it('expires a password and resets factors over raw HTTP', async () => {
    const user = byStatus('ACTIVE');
    org.factors.set(user.id, new Map([['sms1', { id: 'sms1' }]]));
    expect((await api('POST', `/api/v1/users/${user.id}/lifecycle/reset_factors`)).status).toBe(200);
    expect(org.factors.has(user.id)).toBe(false);
    const expired = await api('POST', `/api/v1/users/${user.id}/lifecycle/expire_password`);
    expect(expired.body.status).toBe('PASSWORD_EXPIRED');
    const staged = byStatus('STAGED');
    expect((await api('POST', `/api/v1/users/${staged.id}/lifecycle/expire_password`)).body.errorCode).toBe('E0000038');
  });
});

describe('delete_user', () => {
  it('deletes in two steps when asked not to deactivate first, then get_user answers 404', async () => {
    const user = await run('create_user', { profile: profileOf('Dorothy', 'Vaughan'), activate: false });
    const first = await run('delete_user', { user_id: user.id, deactivate_first: false });
    expect(first).toMatchObject({ deactivated: true, deleted: false, previous_status: 'STAGED' });
    const second = await run('delete_user', { user_id: user.id });
    expect(second).toMatchObject({ deleted: true, previous_status: 'DEPROVISIONED' });
    expect(await run('get_user', { user_id: user.id }).catch((e) => e)).toMatchObject(okta(404, 'E0000007'));
  });

  it('deactivates and deletes in one run, removing group memberships', async () => {
    const user = await run('create_user', { profile: profileOf('Mary', 'Jackson'), activate: true, group_ids: ['00gengineering000001'] });
    expect(await run('delete_user', { user_id: user.profile.login })).toMatchObject({ deactivated: true, deleted: true });
    expect(org.users.has(user.id)).toBe(false);
    expect(org.memberships.get('00gengineering000001')?.has(user.id)).toBe(false);
    expect(org.logEvents.some((e) => e.eventType === 'user.lifecycle.delete.initiated' && e.target[0].id === user.id)).toBe(true);
  });
});

testSpecConformance(spec, 'users', 20);
