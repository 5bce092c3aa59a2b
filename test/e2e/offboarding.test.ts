import { RunningSandbox, startSandbox } from '../../src/sandbox';
import { RunningServer, startServer } from '../../src/server/http-server';

/*
 * End-to-end offboarding through the connector service against the sandbox, as a workflow platform runs it:
 * find the user → list their groups and apps → clear sessions → remove from apps and groups → deactivate →
 * delete, first as a dry run (nothing written), then for real. A crash before the delete makes the platform
 * re-run the steps with the same inputs: the writes
 * that already reached their end state say changed: false, and the workflow finishes the delete.
 */
let sandbox: RunningSandbox;
let service: RunningServer;

beforeAll(async () => {
  sandbox = await startSandbox({ users: 20 });
  service = await startServer({ port: 0, defaultAuth: { domain: sandbox.url, api_token: sandbox.token }, logger: () => undefined });
});
afterAll(async () => {
  await service.close(1_000);
  await sandbox.close();
});

async function call(operation: string, input: unknown, options?: { dryRun: boolean }): Promise<{ status: number; body: any }> {
  const res = await fetch(`${service.url}/operations/${operation}/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(options ? { input, options } : { input }),
  });
  return { status: res.status, body: await res.json() };
}
async function output(operation: string, input: unknown): Promise<any> {
  const { status, body } = await call(operation, input);
  if (status !== 200) throw new Error(`${operation} answered ${status}: ${JSON.stringify(body)}`);
  return body.output;
}
const appId = async (label: string): Promise<string> => {
  const { result } = await output('list_apps_ddl', { search: label });
  expect(result).toHaveLength(1);
  return result[0].value;
};

interface Step {
  operation: string;
  input: Record<string, unknown>;
  status: number;
  output?: any;
  error?: any;
}

/** The workflow's writes, recorded so that a re-run can replay them with the same inputs. */
async function write(steps: Step[], operation: string, input: Record<string, unknown>, dryRun = false): Promise<Step> {
  const { status, body } = await call(operation, input, dryRun ? { dryRun } : undefined);
  const step = { operation, input, status, output: body.output, error: body.error };
  steps.push(step);
  return step;
}

/** The offboarding workflow up to (and without) the delete; returns the user id and the writes it made (or planned). */
async function offboardUntilDelete(login: string, dryRun = false): Promise<{ userId: string; writes: Step[] }> {
  const { result } = await output('list_users_ddl', { search: login, include_deactivated: true });
  expect(result).toHaveLength(1);
  const userId = result[0].value;
  const { groups } = await output('list_user_groups', { user_id: userId });
  const { app_links } = await output('list_user_apps', { user_id: userId });
  const writes: Step[] = [];
  await write(writes, 'clear_user_sessions', { user_id: userId, revoke_oauth_tokens: true }, dryRun);
  for (const link of app_links) await write(writes, 'remove_user_from_app', { app_id: link.appInstanceId, user_id: userId }, dryRun);
  for (const group of groups.filter((g: { type: string }) => g.type === 'OKTA_GROUP')) {
    await write(writes, 'remove_user_from_group', { group_id: group.id, user_id: userId }, dryRun);
  }
  if (!dryRun) expect((await output('list_user_apps', { user_id: userId })).app_links).toEqual([]);
  await write(writes, 'deactivate_user', { user_id: userId, return_user: false }, dryRun);
  return { userId, writes };
}

test('offboarding: find → groups and apps → clear sessions → remove from apps and groups → deactivate → delete, as a dry run, for real, then re-run', async () => {
  const login = 'leaving.soon@example.com';
  const user = await output('create_user', { activate: true, password: 'Sandbox-passw0rd', profile: { login, email: login, firstName: 'Leaving', lastName: 'Soon' } });
  const team = await output('create_group', { name: 'Offboarding test team', description: 'Gets the wiki' });
  const project = await output('create_group', { name: 'Offboarding test project', description: 'No apps' });
  for (const group of [team, project]) await output('add_user_to_group', { group_id: group.id, user_id: user.id });
  const [wiki, expenses, handbook] = [await appId('Wiki'), await appId('Expenses'), await appId('Company Handbook')];
  await output('assign_group_to_app', { app_id: wiki, group_id: team.id, profile: { role: 'Editor' } });
  await output('assign_user_to_app', { app_id: expenses, user_id: user.id, user_name: 'lsoon', password: 'Expenses-2026!' });
  await output('assign_user_to_app', { app_id: handbook, user_id: user.id });
  sandbox.org.sessions.set(user.id, { sessions: ['102openSession1'], oauthTokens: ['oar1openToken1'] });

  // A dry run first: the same reads, every write planned and none sent; the group-granted app is refused as for real.
  const plan = await offboardUntilDelete(login, true);
  const planned = plan.writes.map((s) => [s.operation, s.status, s.output?.would_send?.map((r: { method: string; path: string }) => `${r.method} ${r.path}`) ?? s.error.type]);
  expect(planned).toEqual(
    expect.arrayContaining([
      ['clear_user_sessions', 200, [`DELETE /api/v1/users/${user.id}/sessions`]],
      ['remove_user_from_app', 200, [`DELETE /api/v1/apps/${expenses}/users/${user.id}`]],
      ['remove_user_from_app', 200, [`DELETE /api/v1/apps/${handbook}/users/${user.id}`]],
      ['remove_user_from_app', 400, 'user_input_error'],
      ['deactivate_user', 200, [`POST /api/v1/users/${user.id}/lifecycle/deactivate`]],
    ]),
  );
  expect(plan.writes.filter((s) => s.operation === 'remove_user_from_group')).toHaveLength(2);
  expect(plan.writes.every((s) => s.status !== 200 || s.output.dry_run === true)).toBe(true);
  expect(sandbox.org.sessions.get(user.id)!.sessions).toEqual(['102openSession1']);
  expect((await output('list_user_apps', { user_id: user.id })).app_links).toHaveLength(3);
  expect((await output('get_user', { user_id: user.id })).status).toBe('ACTIVE');

  // First run for real: everything up to the delete, then the platform "crashes".
  const first = await offboardUntilDelete(login);
  expect(first.userId).toBe(user.id);
  expect(sandbox.org.sessions.get(user.id)).toEqual({ sessions: [], oauthTokens: [] });
  const removals = first.writes.filter((s) => s.operation === 'remove_user_from_app');
  expect(removals.map((s) => [s.input.app_id, s.status, s.output?.changed ?? s.error.type]).sort()).toEqual(
    [[expenses, 200, true], [handbook, 200, true], [wiki, 400, 'user_input_error']].sort(),
  );
  // The wiki comes through the team: Okta refuses to unassign it, the step says why, and leaving the group removes it.
  expect(removals.find((s) => s.input.app_id === wiki)!.error.message).toContain('through a group');
  expect((await output('list_app_users', { app_id: wiki })).app_users.map((u: { id: string }) => u.id)).not.toContain(user.id);
  expect((await output('get_user', { user_id: user.id })).status).toBe('DEPROVISIONED');

  // Re-run with the same inputs: the writes whose end state is reached say so and send nothing.
  const replayed: Step[] = [];
  for (const step of first.writes.filter((s) => s.status === 200 && s.operation !== 'deactivate_user')) await write(replayed, step.operation, step.input);
  expect(replayed.every((s) => s.status === 200)).toBe(true);
  expect(replayed.filter((s) => s.operation === 'remove_user_from_app').map((s) => s.output.changed)).toEqual([false, false]);
  expect(replayed.find((s) => s.operation === 'clear_user_sessions')!.output).toEqual({ user_id: user.id, login, oauth_tokens_revoked: true });
  const replan = await call('remove_user_from_app', { app_id: expenses, user_id: user.id }, { dryRun: true });
  expect(replan.body.output).toMatchObject({ dry_run: true, would_send: [], complete: true });
  // The user is already deactivated: the workflow goes on to the delete.
  expect(await output('delete_user', { user_id: login })).toMatchObject({ previous_status: 'DEPROVISIONED', deactivated: false, deleted: true });

  // A third run finds nobody: the workflow has nothing left to do, and the app steps still succeed unchanged.
  expect((await output('list_users_ddl', { search: login, include_deactivated: true })).result).toEqual([]);
  expect(await output('remove_user_from_app', { app_id: expenses, user_id: user.id })).toEqual({ app_id: expenses, user_id: user.id, changed: false });
  const strict = await call('remove_user_from_app', { app_id: expenses, user_id: user.id, fail_if_unchanged: true });
  expect(strict).toMatchObject({ status: 400, body: { outcome: 'error', error: { type: 'user_input_error', fields: ['user_id'] } } });
  expect((await output('list_app_users', { app_id: expenses, fetch_all: true })).app_users.map((u: { id: string }) => u.id)).not.toContain(user.id);
  expect(await output('delete_group', { group_id: project.id })).toEqual({ group_id: project.id, name: 'Offboarding test project', changed: true });
  expect(await output('delete_group', { group_id: project.id })).toEqual({ group_id: project.id, name: null, changed: false });
});
