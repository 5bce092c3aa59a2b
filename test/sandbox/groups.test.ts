import http from 'node:http';
import { invoke } from '../../src/index';
import { groupsRoutes, seedGroups } from '../../src/sandbox/groups/groups';
import { OktaObject, SandboxOrg } from '../../src/sandbox/core/org';
import { createSandboxServer, listen } from '../../src/sandbox/core/server';
import { SandboxSpecCheck, testSpecConformance } from '../support/sandbox-spec-check';
import { addUser, PEOPLE } from './fixture-users';
import { allowTestOrg } from '../support/test-org-destination';

const token = 'sandbox-groups-test-token';
const org = new SandboxOrg('');
const spec = new SandboxSpecCheck();
let server: http.Server;
let baseUrl: string;

const run = (operation: string, input: unknown): Promise<any> => invoke(operation, input, { auth: { domain: baseUrl, api_token: token } });
const groupNamed = (name: string): OktaObject => [...org.groups.values()].find((g) => g.profile.name === name)!;
/** A raw call, for endpoints no connector operation sends the way a test needs. */
const raw = (method: string, path: string, body?: unknown) =>
  fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `SSWS ${token}`, Accept: 'application/json', 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const users: OktaObject[] = [];

beforeAll(async () => {
  for (const [first, last] of PEOPLE) users.push(addUser(org, first, last));
  org.adminId = users[0].id;
  seedGroups(org, { users: users.length });
  server = createSandboxServer({ routes: spec.wrap(groupsRoutes(org)), token });
  baseUrl = await listen(server);
  allowTestOrg(baseUrl);
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  server.closeAllConnections();
});

describe('seed', () => {
  test('Everyone (BUILT_IN) holds every user, five OKTA_GROUPs hold some, one APP_GROUP comes from Active Directory', async () => {
    const { groups } = await run('list_groups', { expand: 'stats', limit: 50 });
    const byName = Object.fromEntries(groups.map((g: OktaObject) => [g.profile.name, g]));
    expect(Object.keys(byName).sort()).toEqual(['Contractors', 'Engineering', 'Everyone', 'Finance', 'Sales', 'Support', 'West Coast users']);
    expect(byName.Everyone).toMatchObject({ type: 'BUILT_IN', objectClass: ['okta:user_group'], _embedded: { stats: { usersCount: users.length } } });
    for (const name of ['Engineering', 'Sales', 'Support', 'Contractors', 'Finance']) {
      expect(byName[name]).toMatchObject({ type: 'OKTA_GROUP', objectClass: ['okta:user_group'] });
      expect(byName[name]._embedded.stats.usersCount).toBeGreaterThan(0);
      expect(byName[name]._embedded.stats.usersCount).toBeLessThan(users.length);
    }
    expect(byName['West Coast users']).toMatchObject({
      type: 'APP_GROUP',
      objectClass: ['okta:windows_security_principal'],
      profile: { samAccountName: 'West Coast users', dn: expect.stringContaining('CN=West Coast users') },
      source: { id: expect.stringMatching(/^0oa/) },
      _links: { source: { href: expect.stringContaining('/api/v1/apps/0oa') } },
    });
  });

  test('a user added to the org later is in Everyone at once', async () => {
    const everyone = groupNamed('Everyone');
    const late = addUser(org, 'Late', 'Joiner');
    const { users: members } = await run('list_group_members', { group_id: everyone.id, fetch_all: true });
    expect(members.map((u: OktaObject) => u.id)).toContain(late.id);
    org.users.delete(late.id);
  });
});

describe('list_groups', () => {
  test('pages with next links: two pages, then fetch_all reads everything', async () => {
    const first = await run('list_groups', { limit: 4 });
    expect(first.groups).toHaveLength(4);
    expect(first.next_page_cursor).toBe(first.groups[3].id);
    const second = await run('list_groups', { limit: 4, after: first.next_page_cursor });
    expect(second).toEqual({ groups: expect.any(Array), next_page_cursor: null, truncated: false });
    expect([...first.groups, ...second.groups].map((g: OktaObject) => g.id)).toEqual([...org.groups.keys()]);
    const all = await run('list_groups', { limit: 2, fetch_all: true });
    expect(all.groups.map((g: OktaObject) => g.id)).toEqual([...org.groups.keys()]);
    expect(all.next_page_cursor).toBeNull();
  });

  test('search is case-insensitive on values, sorts on request, and keeps the search in next links', async () => {
    const found = await run('list_groups', { search: 'profile.name sw "s" or profile.name sw "E"', sort_by: 'profile.name', sort_order: 'desc', limit: 2, fetch_all: true });
    expect(found.groups.map((g: OktaObject) => g.profile.name)).toEqual(['Support', 'Sales', 'Everyone', 'Engineering']);
    const contains = await run('list_groups', { search: 'profile.description co "SUPPORT"' });
    expect(contains.groups.map((g: OktaObject) => g.profile.name)).toEqual(['Support']);
    const custom = await run('list_groups', { search: 'profile.costCenter eq "cc-2001"' });
    expect(custom.groups.map((g: OktaObject) => g.profile.name)).toEqual(['Engineering']);
  });

  test('filter is case-sensitive and limited to id, type, lastUpdated, lastMembershipUpdated', async () => {
    expect((await run('list_groups', { filter: 'type eq "OKTA_GROUP"' })).groups).toHaveLength(5);
    expect((await run('list_groups', { filter: 'type eq "okta_group"' })).groups).toEqual([]);
    await expect(run('list_groups', { filter: 'profile.name eq "Sales"' })).rejects.toMatchObject({
      type: 'user_input_error',
      status: 400,
      okta: { errorCode: 'E0000031' },
    });
  });

  test('an invalid search, or co on a field other than name/description, is 400 E0000031', async () => {
    for (const search of ['profile.name equals "Sales"', 'profile.dn co "West"', 'profile.name eq "Sales']) {
      await expect(run('list_groups', { search })).rejects.toMatchObject({ type: 'user_input_error', status: 400, okta: { errorCode: 'E0000031' } });
    }
  });

  test('q is a name starts-with match and does not page', async () => {
    const result = await run('list_groups', { q: 'su', limit: 1 });
    expect(result).toEqual({ groups: [expect.objectContaining({ profile: expect.objectContaining({ name: 'Support' }) })], next_page_cursor: null, truncated: false });
    const both = await run('list_groups', { q: 'S', limit: 1 });
    expect(both.groups).toHaveLength(1);
    expect(both.next_page_cursor).toBeNull();
  });
});

describe('get_group / create_group / update_group', () => {
  test('get_group answers the group, or 404 E0000007 naming the UserGroup', async () => {
    const sales = groupNamed('Sales');
    const group = await run('get_group', { group_id: sales.id });
    expect(group).toMatchObject({ id: sales.id, type: 'OKTA_GROUP', profile: sales.profile, _links: { users: { href: `${baseUrl}/api/v1/groups/${sales.id}/users` } } });
    expect(group._embedded).toBeUndefined();
    await expect(run('get_group', { group_id: '00gmissing0000000000' })).rejects.toMatchObject({
      type: 'user_input_error',
      status: 404,
      okta: { errorCode: 'E0000007' },
      message: expect.stringContaining('Resource not found: 00gmissing0000000000 (UserGroup)'),
    });
  });

  test('create_group answers 200 with an OKTA_GROUP', async () => {
    const input = { name: 'Finance Contractors', description: 'Contractors working with finance', custom_profile: { costCenter: 'CC-1042' } };
    const created = await run('create_group', input);
    expect(created).toMatchObject({
      id: expect.stringMatching(/^00g[A-Za-z0-9]{17}$/),
      type: 'OKTA_GROUP',
      objectClass: ['okta:user_group'],
      profile: { name: 'Finance Contractors', description: 'Contractors working with finance', costCenter: 'CC-1042' },
    });
    expect(created.created).toBe(created.lastUpdated);
    expect(await run('get_group', { group_id: created.id })).toEqual(created);
    expect(org.logEvents.filter((e) => e.eventType === 'group.lifecycle.create').map((e) => e.target[0].id)).toEqual([created.id]);
  });

  // Okta's API refuses a group name already taken, whatever the group's type (okta/terraform-provider-okta
  // PR#1794 review: "Okta API enforces unique names on all groups regardless of type"); a rename is a PUT.
  test('a second group with a name already taken is refused with 400 E0000001, on create and on rename', async () => {
    const first = await run('create_group', { name: 'Audit Committee' });
    const answer = async (res: Promise<Response>) => res.then(async (r) => ({ status: r.status, body: await r.json() }));
    const again = await answer(raw('POST', '/api/v1/groups', { profile: { name: 'audit committee' } }));
    expect(again.status).toBe(400);
    expect(again.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: name', errorCauses: [{ errorSummary: 'name: An object with this field already exists in the current organization' }] });
    const other = await run('create_group', { name: 'Audit Committee 2' });
    const rename = await answer(raw('PUT', `/api/v1/groups/${other.id}`, { profile: { name: 'Audit Committee' } }));
    expect(rename).toMatchObject({ status: 400, body: { errorCode: 'E0000001' } });
    expect((await raw('PUT', `/api/v1/groups/${first.id}`, { profile: { name: 'Audit Committee', description: 'kept its own name' } })).status).toBe(200);
  });

  test('the API validates the profile: name required (1-255), description up to 1024', async () => {
    const cases: Array<[unknown, string]> = [
      [{ profile: { description: 'x' } }, 'name: The field cannot be left blank'],
      [{ profile: { name: 'n'.repeat(256) } }, 'name: The field is too long (maximum 255 characters)'],
      [{ profile: { name: 'ok', description: 'd'.repeat(1025) } }, 'description: The field is too long (maximum 1024 characters)'],
      [{ name: 'no profile' }, 'profile: The field cannot be left blank'],
    ];
    for (const [body, cause] of cases) {
      const response = await raw('POST', '/api/v1/groups', body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ errorCode: 'E0000001', errorCauses: [{ errorSummary: cause }] });
    }
  });

  test('update_group with only a description keeps the name and custom attributes', async () => {
    const engineering = groupNamed('Engineering');
    const before = structuredClone(engineering);
    const updated = await run('update_group', { group_id: engineering.id, description: 'Builds the product' });
    expect(updated.profile).toEqual({ name: 'Engineering', description: 'Builds the product', costCenter: 'CC-2001' });
    expect(updated.lastUpdated >= before.lastUpdated).toBe(true);
    expect(updated.lastMembershipUpdated).toBe(before.lastMembershipUpdated);
    expect(org.logEvents.at(-1)).toMatchObject({ eventType: 'group.profile.update', target: [{ id: engineering.id, type: 'UserGroup' }] });
  });

  test('PUT replaces the whole profile, and refuses APP_GROUP and BUILT_IN groups with 403 E0000006', async () => {
    const support = groupNamed('Support');
    const replaced = await raw('PUT', `/api/v1/groups/${support.id}`, { profile: { name: 'Support' } });
    expect(replaced.status).toBe(200);
    expect((await replaced.json()).profile).toEqual({ name: 'Support' });
    for (const name of ['West Coast users', 'Everyone']) {
      const refused = await raw('PUT', `/api/v1/groups/${groupNamed(name).id}`, { profile: { name: 'Renamed' } });
      expect(refused.status).toBe(403);
      expect(await refused.json()).toMatchObject({ errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action' });
    }
    await expect(run('update_group', { group_id: groupNamed('West Coast users').id, description: 'x' })).rejects.toMatchObject({
      type: 'user_input_error',
      message: expect.stringContaining('is of type APP_GROUP'),
    });
  });

  test('DELETE removes an OKTA_GROUP (204) and refuses others', async () => {
    const doomed = await run('create_group', { name: 'Temporary' });
    expect((await raw('DELETE', `/api/v1/groups/${doomed.id}`)).status).toBe(204);
    await expect(run('get_group', { group_id: doomed.id })).rejects.toMatchObject({ status: 404 });
    expect((await raw('DELETE', `/api/v1/groups/${groupNamed('Everyone').id}`)).status).toBe(403);
  });
});

describe('membership', () => {
  test('add_user_to_group adds (204), re-adding is fine, and lastMembershipUpdated moves', async () => {
    const sales = groupNamed('Sales');
    const newcomer = users.find((u) => !org.memberships.get(sales.id)!.has(u.id))!;
    const before = sales.lastMembershipUpdated;
    expect(await run('add_user_to_group', { group_id: sales.id, user_id: newcomer.id })).toEqual({ group_id: sales.id, user_id: newcomer.id, added: true });
    expect(await run('add_user_to_group', { group_id: sales.id, user_id: newcomer.id })).toMatchObject({ added: true });
    const { users: members } = await run('list_group_members', { group_id: sales.id, fetch_all: true });
    expect(members.filter((u: OktaObject) => u.id === newcomer.id)).toHaveLength(1);
    expect(sales.lastMembershipUpdated > before).toBe(true);
    const added = org.logEvents.filter((e) => e.eventType === 'group.user_membership.add');
    expect(added).toHaveLength(1);
    expect(added[0].target).toEqual([
      expect.objectContaining({ id: newcomer.id, type: 'User', alternateId: newcomer.profile.login }),
      expect.objectContaining({ id: sales.id, type: 'UserGroup', displayName: 'Sales' }),
    ]);
  });

  test('the user must exist by id (a login is 404), and so must the group', async () => {
    const sales = groupNamed('Sales');
    for (const userId of ['00umissing0000000000', users[1].profile.login]) {
      await expect(run('add_user_to_group', { group_id: sales.id, user_id: userId })).rejects.toMatchObject({
        type: 'user_input_error',
        status: 404,
        okta: { errorCode: 'E0000007' },
        message: expect.stringContaining('(User)'),
      });
    }
    await expect(run('add_user_to_group', { group_id: '00gmissing0000000000', user_id: users[1].id })).rejects.toMatchObject({ status: 404, message: expect.stringContaining('(UserGroup)') });
  });

  test('an APP_GROUP refuses membership changes: 403 E0000006, explained by the connector', async () => {
    const ad = groupNamed('West Coast users');
    const response = await raw('PUT', `/api/v1/groups/${ad.id}/users/${users[2].id}`);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action' });
    for (const [operation, action] of [['add_user_to_group', 'add a user to'], ['remove_user_from_group', 'remove a user from']]) {
      await expect(run(operation, { group_id: ad.id, user_id: users[2].id })).rejects.toMatchObject({
        type: 'user_input_error',
        status: 403,
        okta: { errorCode: 'E0000006' },
        fields: ['group_id'],
        message: `Cannot ${action} this group: group ${ad.id} ("West Coast users") is of type APP_GROUP, and its profile and members are imported from the app or directory it comes from (such as Active Directory or LDAP) and can only be changed there. Pick an OKTA_GROUP group.`,
      });
    }
  });

  test('Everyone answers "Unsupported operation", which the connector explains as a BUILT_IN group', async () => {
    await expect(run('add_user_to_group', { group_id: groupNamed('Everyone').id, user_id: users[2].id })).rejects.toMatchObject({
      type: 'user_input_error',
      status: 400,
      okta: { errorCode: 'E0000060' },
      message: expect.stringContaining('is of type BUILT_IN'),
    });
  });

  test('remove_user_from_group removes (204); removing a non-member is 204 too', async () => {
    const support = groupNamed('Support');
    const member = [...org.memberships.get(support.id)!][0];
    expect(await run('remove_user_from_group', { group_id: support.id, user_id: member })).toEqual({ group_id: support.id, user_id: member, removed: true });
    expect(org.memberships.get(support.id)!.has(member)).toBe(false);
    expect(await run('remove_user_from_group', { group_id: support.id, user_id: member })).toMatchObject({ removed: true });
    expect(org.logEvents.filter((e) => e.eventType === 'group.user_membership.remove')).toHaveLength(1);
  });

  test('list_group_members pages (users with only a self link) and fetch_all reads them all', async () => {
    const everyone = groupNamed('Everyone');
    const first = await run('list_group_members', { group_id: everyone.id, limit: 6 });
    expect(first.users).toHaveLength(6);
    expect(first.users[0]).toMatchObject({ id: users[0].id, status: 'ACTIVE', profile: users[0].profile, _links: { self: { href: `${baseUrl}/api/v1/users/${users[0].id}` } } });
    expect(Object.keys(first.users[0]._links)).toEqual(['self']);
    expect(first.next_page_cursor).toBe(first.users[5].id);
    const second = await run('list_group_members', { group_id: everyone.id, limit: 6, after: first.next_page_cursor });
    expect(second.next_page_cursor).toBeNull();
    expect([...first.users, ...second.users].map((u: OktaObject) => u.id)).toEqual(users.map((u) => u.id));
    const all = await run('list_group_members', { group_id: everyone.id, limit: 3, fetch_all: true });
    expect(all.users).toHaveLength(users.length);
    await expect(run('list_group_members', { group_id: '00gmissing0000000000' })).rejects.toMatchObject({ status: 404, okta: { errorCode: 'E0000007' } });
  });

  test('the default page of members is 1000 (Okta\'s historical default)', async () => {
    const response = await raw('GET', `/api/v1/groups/${groupNamed('Everyone').id}/users`);
    expect(((await response.json()) as unknown[]).length).toBe(users.length);
    expect(response.headers.get('link')).not.toContain('rel="next"');
  });
});

describe('list_groups_ddl', () => {
  test('options by name prefix, optionally only OKTA_GROUPs', async () => {
    expect(await run('list_groups_ddl', { search: 'eng' })).toEqual({ result: [{ text: 'Engineering', value: groupNamed('Engineering').id }] });
    const modifiable = await run('list_groups_ddl', { okta_groups_only: true });
    expect(modifiable.result.map((o: { text: string }) => o.text)).not.toEqual(expect.arrayContaining(['Everyone']));
    expect(modifiable.result.map((o: { text: string }) => o.text)).toEqual(expect.arrayContaining(['Engineering', 'Sales', 'Support', 'Contractors']));
    expect(modifiable.result.every((o: { value: string }) => org.groups.get(o.value)!.type === 'OKTA_GROUP')).toBe(true);
  });
});

testSpecConformance(spec, 'groups', 20);
