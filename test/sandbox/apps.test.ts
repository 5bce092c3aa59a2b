/**
 * The sandbox's Applications API (catalogue, user and group assignments and their effects), a user's groups
 * and app links, and group delete, driven by the connector's operations. Each write is also run twice: the
 * second identical call must succeed with changed: false and send no write.
 */
import { newGroup } from '../../src/sandbox/groups/group-store';
import { seedApps } from '../../src/sandbox/apps/apps';
import { OktaObject } from '../../src/sandbox/core/org';
import { testSpecConformance } from '../support/sandbox-spec-check';
import { addUser, PEOPLE } from './fixture-users';
import { fullSandbox } from './full-sandbox';

const sandbox = fullSandbox('sandbox-apps-test-token');
const { org, run, failure, api } = sandbox;
const users: OktaObject[] = [];
const app = (label: string) => [...org.apps.values()].find((a) => a.label === label)!;
const addGroup = (name: string, members: OktaObject[], type: 'OKTA_GROUP' | 'APP_GROUP' = 'OKTA_GROUP') => {
  const group = newGroup(type, { name, description: `${name} (test)` });
  org.groups.set(group.id, group);
  org.memberships.set(group.id, new Set(members.map((u) => u.id)));
  return group;
};
/** Runs a write twice: the first changes Okta, the identical second sends no write and says changed: false. */
async function twice(operation: string, input: Record<string, unknown>) {
  const first = await run(operation, input);
  expect(first.changed).toBe(true);
  const before = sandbox.writesSent.length;
  const second = await run(operation, input);
  expect({ changed: second.changed, writesSent: sandbox.writesSent.slice(before) }).toEqual({ changed: false, writesSent: [] });
  expect(await failure(operation, { ...input, fail_if_unchanged: true })).toMatchObject({ type: 'user_input_error', message: expect.stringContaining('Nothing to change') });
  expect(sandbox.writesSent.length).toBe(before);
  return { first, second };
}

beforeAll(async () => {
  for (const [first, last] of PEOPLE) users.push(addUser(org, first, last));
  org.adminId = users[0].id;
  addGroup('Everyone', []).type = 'BUILT_IN';
  seedApps(org);
  await sandbox.start();
});
afterAll(() => sandbox.stop());

describe('the app catalogue', () => {
  test('seeded with one app per common sign-on mode, one of them inactive', async () => {
    const { apps } = await run('list_apps', { fetch_all: true });
    expect(apps.map((a: OktaObject) => [a.signOnMode, a.status]).sort()).toEqual([
      ['AUTO_LOGIN', 'ACTIVE'], ['BASIC_AUTH', 'INACTIVE'], ['BOOKMARK', 'ACTIVE'], ['OPENID_CONNECT', 'ACTIVE'], ['SAML_2_0', 'ACTIVE'],
    ]);
    expect(apps[0]._links).toMatchObject({ users: { href: expect.stringContaining(`/api/v1/apps/${apps[0].id}/users`) }, groups: expect.any(Object) });
    expect(apps[0]).not.toHaveProperty('dashboardLink');
  });

  test('pages with next links, q on name or label, filter on status; a filter on another field is refused', async () => {
    const first = await run('list_apps', { limit: 2 });
    expect(first.apps).toHaveLength(2);
    expect(first.next_page_cursor).toBe(first.apps[1].id);
    const rest = await run('list_apps', { limit: 2, after: first.next_page_cursor, fetch_all: true });
    expect([...first.apps, ...rest.apps].map((a: OktaObject) => a.id)).toEqual([...org.apps.keys()]);
    expect((await run('list_apps', { q: 'WI' })).apps.map((a: OktaObject) => a.label)).toEqual(['Wiki']);
    expect((await run('list_apps', { q: 'oidc' })).apps.map((a: OktaObject) => a.label)).toEqual(['Internal Dashboard']);
    expect((await run('list_apps', { filter: 'status eq "INACTIVE"' })).apps.map((a: OktaObject) => a.label)).toEqual(['Legacy Reports']);
    expect(await failure('list_apps', { filter: 'label eq "Wiki"' })).toMatchObject({ type: 'user_input_error', status: 400, okta: { errorCode: 'E0000053' } });
  });

  test('get_app, and Okta\'s 404 wording for an unknown app', async () => {
    expect(await run('get_app', { app_id: app('Wiki').id })).toMatchObject({ label: 'Wiki', name: 'acme_wiki_1', signOnMode: 'SAML_2_0' });
    const missing = await api('GET', '/api/v1/apps/0oa_missing');
    expect(missing).toMatchObject({ status: 404, body: { errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: 0oa_missing (AppInstance)' } });
  });

  test('the dropdown labels apps "Label (name, signOnMode)", searches, and leaves inactive apps out unless asked', async () => {
    const { result } = await run('list_apps_ddl', {});
    expect(result).toContainEqual({ text: 'Wiki (acme_wiki_1, SAML_2_0)', value: app('Wiki').id });
    expect(result.map((o: { text: string }) => o.text)).not.toContain('Legacy Reports (template_basic_auth, BASIC_AUTH)');
    expect((await run('list_apps_ddl', { include_inactive: true })).result).toHaveLength(5);
    expect((await run('list_apps_ddl', { search: 'exp' })).result).toEqual([{ text: 'Expenses (acme_expenses_1, AUTO_LOGIN)', value: app('Expenses').id }]);
  });
});

describe('user assignments', () => {
  test('assign with credentials and a profile; a re-run sends nothing', async () => {
    const [ada] = users;
    const input = { app_id: app('Expenses').id, user_id: ada.id, user_name: 'ada.a', profile: { costCenter: 'CC-1' } };
    const { first, second } = await twice('assign_user_to_app', input);
    expect(first.app_user).toMatchObject({ id: ada.id, scope: 'USER', credentials: { userName: 'ada.a' }, profile: { costCenter: 'CC-1' } });
    expect(second.app_user).toMatchObject({ scope: 'USER', profile: { costCenter: 'CC-1' } });
    // A changed value is sent again.
    expect((await run('assign_user_to_app', { ...input, profile: { costCenter: 'CC-2' } })).changed).toBe(true);
  });

  test('a password is stored but never shown, and always sent (Okta never reveals the stored one)', async () => {
    const input = { app_id: app('Expenses').id, user_id: users[1].id, password: 'Expenses-2026!' };
    const first = await run('assign_user_to_app', input);
    expect(first.app_user.credentials).toEqual({ userName: users[1].profile.login, password: {} });
    expect(JSON.stringify(first)).not.toContain('Expenses-2026!');
    expect((await run('assign_user_to_app', input)).changed).toBe(true);
  });

  test('credentials an app\'s scheme does not take are refused with Okta\'s 400 E0000041', async () => {
    const refused = { type: 'user_input_error', status: 400, okta: { errorCode: 'E0000041' } };
    expect(await failure('assign_user_to_app', { app_id: app('Wiki').id, user_id: users[1].id, password: 'Not-for-saml-1' })).toMatchObject(refused);
    expect(await failure('assign_user_to_app', { app_id: app('Company Handbook').id, user_id: users[1].id, user_name: 'x' })).toMatchObject(refused);
    const body = (await api('POST', `/api/v1/apps/${app('Wiki').id}/users`, { id: users[1].id, credentials: { password: { value: 'x' } } })).body;
    expect(body).toMatchObject({ errorSummary: 'Credentials should not be set on this resource based on the scheme.', errorCauses: [{ errorSummary: 'User level credentials should not be provided for this scheme.' }] });
  });

  test('remove a direct assignment; a re-run sends nothing; an unknown app is an error, not "already removed"', async () => {
    const input = { app_id: app('Expenses').id, user_id: users[1].id };
    await twice('remove_user_from_app', input);
    expect((await run('list_app_users', { app_id: app('Expenses').id })).app_users.map((u: OktaObject) => u.id)).not.toContain(users[1].id);
    expect(await failure('remove_user_from_app', { app_id: '0oa_missing', user_id: users[1].id })).toMatchObject({ status: 404, okta: { errorCode: 'E0000007' } });
  });
});

describe('group assignments and their effects', () => {
  let engineers: OktaObject;
  beforeAll(() => {
    engineers = addGroup('Engineers', [users[2], users[3], users[4]]);
  });

  test('members get the app with scope GROUP and the group\'s profile; a re-run sends nothing', async () => {
    const wiki = app('Wiki').id;
    const { first } = await twice('assign_group_to_app', { app_id: wiki, group_id: engineers.id, profile: { role: 'Editor' } });
    expect(first.assignment).toMatchObject({ id: engineers.id, priority: 0, profile: { role: 'Editor' } });
    const { app_users } = await run('list_app_users', { app_id: wiki, include_user: true });
    expect(app_users.map((u: OktaObject) => [u.id, u.scope, u.profile.role])).toEqual(users.slice(2, 5).map((u) => [u.id, 'GROUP', 'Editor']));
    expect(app_users[0]._embedded.user.profile.login).toBe(users[2].profile.login);
    const links = await run('list_user_apps', { user_id: users[2].profile.login });
    expect(links.app_links).toEqual([expect.objectContaining({ label: 'Wiki', appInstanceId: wiki, appName: 'acme_wiki_1', id: users[2].id })]);
  });

  test('a second group takes the next priority; changing the priority keeps the profile', async () => {
    const wiki = app('Wiki').id;
    const reviewers = addGroup('Reviewers', [users[2]]);
    const assigned = await run('assign_group_to_app', { app_id: wiki, group_id: reviewers.id, profile: { role: 'Viewer' } });
    expect(assigned.assignment.priority).toBe(1);
    expect((await run('list_app_users', { app_id: wiki, q: users[2].profile.firstName })).app_users[0].profile.role).toBe('Editor');
    const moved = await run('assign_group_to_app', { app_id: wiki, group_id: reviewers.id, priority: 0 });
    expect(moved.assignment).toMatchObject({ priority: 0, profile: { role: 'Viewer' } });
    const { group_assignments } = await run('list_app_groups', { app_id: wiki, include_group: true });
    expect(group_assignments.map((a: OktaObject) => a._embedded.group.profile.name)).toEqual(expect.arrayContaining(['Engineers', 'Reviewers']));
    await twice('remove_group_from_app', { app_id: wiki, group_id: reviewers.id });
  });

  test('a user who has the app only through a group cannot be removed: refused before sending', async () => {
    const before = sandbox.writesSent.length;
    expect(await failure('remove_user_from_app', { app_id: app('Wiki').id, user_id: users[3].id })).toMatchObject({
      type: 'user_input_error',
      fields: ['user_id'],
      message: expect.stringContaining('through a group'),
    });
    expect(sandbox.writesSent.length).toBe(before);
  });

  test('Okta refuses to unassign a direct assignment a group also grants: 403 E0000046, explained by the operation', async () => {
    const wiki = app('Wiki').id;
    const direct = await run('assign_user_to_app', { app_id: wiki, user_id: users[4].id });
    expect(direct.app_user.scope).toBe('USER');
    const raw = await api('DELETE', `/api/v1/apps/${wiki}/users/${users[4].id}`);
    expect(raw).toEqual({
      status: 403,
      body: expect.objectContaining({
        errorCode: 'E0000046',
        errorSummary: 'Deactivate application for user forbidden.',
        errorCauses: [{ errorSummary: 'The application cannot be unassigned from the user while their group memberships grant them access' }],
      }),
    });
    expect(await failure('remove_user_from_app', { app_id: wiki, user_id: users[4].id })).toMatchObject({ type: 'user_input_error', status: 403, okta: { errorCode: 'E0000046' }, fields: ['user_id'] });
  });

  test('leaving the group, or the group leaving the app, takes the app away', async () => {
    const wiki = app('Wiki').id;
    await run('remove_user_from_group', { group_id: engineers.id, user_id: users[3].id });
    expect((await run('list_user_apps', { user_id: users[3].id })).app_links).toEqual([]);
    await twice('remove_group_from_app', { app_id: wiki, group_id: engineers.id });
    expect((await run('list_app_users', { app_id: wiki })).app_users.map((u: OktaObject) => [u.id, u.scope])).toEqual([[users[4].id, 'USER']]);
    expect((await run('list_user_apps', { user_id: users[2].id })).app_links).toEqual([]);
  });
});

describe('a user\'s groups, and group delete', () => {
  test('list_user_groups lists the user\'s groups, Everyone included', async () => {
    const ops = addGroup('Ops', [users[5]]);
    const { groups } = await run('list_user_groups', { user_id: users[5].profile.login });
    expect(groups.map((g: OktaObject) => g.profile.name).sort()).toEqual(['Everyone', 'Ops']);
    expect(groups.find((g: OktaObject) => g.id === ops.id)._links.users.href).toContain(`/groups/${ops.id}/users`);
    expect(await failure('list_user_groups', { user_id: 'nobody@example.com' })).toMatchObject({ status: 404, okta: { errorCode: 'E0000007' } });
  });

  test('deleting a group takes its app assignment with it; a re-run sends nothing', async () => {
    const temp = addGroup('Temp project', [users[6]]);
    await run('assign_group_to_app', { app_id: app('Company Handbook').id, group_id: temp.id });
    expect((await run('list_user_apps', { user_id: users[6].id })).app_links.map((l: OktaObject) => l.label)).toEqual(['Company Handbook']);
    const { first } = await twice('delete_group', { group_id: temp.id });
    expect(first).toEqual({ group_id: temp.id, name: 'Temp project', changed: true });
    expect(org.groups.has(temp.id)).toBe(false);
    expect((await run('list_app_groups', { app_id: app('Company Handbook').id })).group_assignments).toEqual([]);
    expect((await run('list_user_apps', { user_id: users[6].id })).app_links).toEqual([]);
  });

  test('an APP_GROUP is refused before anything is deleted', async () => {
    const imported = addGroup('Imported', [], 'APP_GROUP');
    const before = sandbox.writesSent.length;
    expect(await failure('delete_group', { group_id: imported.id })).toMatchObject({ type: 'user_input_error', fields: ['group_id'], message: expect.stringContaining('APP_GROUP') });
    expect({ stillThere: org.groups.has(imported.id), writes: sandbox.writesSent.length - before }).toEqual({ stillThere: true, writes: 0 });
  });
});

testSpecConformance(sandbox.spec, 'apps', 20);
