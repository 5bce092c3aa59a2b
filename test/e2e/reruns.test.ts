/**
 * Safe re-runs against the embedded sandbox: a workflow platform repeats a step after a crash or a timeout.
 * The second identical call of each write either reaches the same end state with `changed: false`, or, with
 * `fail_if_unchanged`, fails by name; operations whose re-run Okta refuses say so in their description.
 */
import { failure } from '../support/failure';
import { recordedSandbox } from '../support/recorded-sandbox';

const { run, sentDuring } = recordedSandbox();

/** Runs the step twice; returns both outputs and the writes the second run sent. */
async function twice(operation: string, input: Record<string, unknown>): Promise<{ first: any; second: any; secondWrites: string[] }> {
  const first = await run(operation, input);
  let second: any;
  const sent = await sentDuring(async () => (second = await run(operation, input)));
  return { first, second, secondWrites: sent.filter((request) => !request.startsWith('GET ')) };
}

let counter = 0;
async function activeUser(): Promise<string> {
  counter += 1;
  const login = `rerun.${counter}@example.com`;
  return (await run('create_user', { profile: { login, email: login, firstName: 'Re', lastName: `Run${counter}` }, password: 'Correct-Horse-9-Battery' })).id;
}

test.each([
  ['suspend_user', [], 'SUSPENDED'],
  ['unsuspend_user', ['suspend_user'], 'ACTIVE'],
  ['deactivate_user', [], 'DEPROVISIONED'],
  ['activate_user', ['deactivate_user'], 'PROVISIONED'],
])('%s twice: the second call changes nothing and sends nothing', async (operation, setup, status) => {
  const userId = await activeUser();
  for (const step of setup) await run(step, { user_id: userId });
  const { first, second, secondWrites } = await twice(operation, { user_id: userId });
  expect(first).toMatchObject({ changed: true });
  expect(second).toMatchObject({ changed: false, user: { id: userId, status } });
  expect(secondWrites.length).toBeLessThanOrEqual(1); // the refused attempt Okta answered, nothing that changed state
  const refusal = await failure(run(operation, { user_id: userId, fail_if_unchanged: true }));
  expect(refusal.type).toBe('user_input_error');
});

test('unlock_user on a user who is not locked out: changed false', async () => {
  const userId = await activeUser();
  expect(await run('unlock_user', { user_id: userId })).toMatchObject({ changed: false, user: { status: 'ACTIVE' } });
});

test('reactivate_user keeps its documented behaviour: a user past activation is refused', async () => {
  const userId = await activeUser();
  const error = await failure(run('reactivate_user', { user_id: userId }));
  expect(error.message).toContain('Reactivate user works only on PROVISIONED or RECOVERY users');
});

test('delete_user twice: deleted, then changed false; with fail_if_unchanged the 404 is the error', async () => {
  const userId = await activeUser();
  const { first, second, secondWrites } = await twice('delete_user', { user_id: userId });
  expect(first).toMatchObject({ changed: true, deleted: true });
  expect(second).toEqual({ user_id: userId, login: null, previous_status: null, deactivated: false, deleted: false, changed: false });
  expect(secondWrites).toEqual([]);
  expect(await failure(run('delete_user', { user_id: userId, fail_if_unchanged: true }))).toMatchObject({ type: 'user_input_error', status: 404 });
});

test('add and remove user to/from a group twice: the membership is read first and nothing is sent again', async () => {
  const userId = await activeUser();
  const group = await run('create_group', { name: `Re-run group ${counter}` });
  const added = await twice('add_user_to_group', { group_id: group.id, user_id: userId });
  expect([added.first.changed, added.second.changed]).toEqual([true, false]);
  expect(added.secondWrites).toEqual([]);
  const removed = await twice('remove_user_from_group', { group_id: group.id, user_id: userId });
  expect([removed.first.changed, removed.second.changed]).toEqual([true, false]);
  expect(removed.secondWrites).toEqual([]);
  expect((await run('list_group_members', { group_id: group.id })).users).toEqual([]);
  expect(await failure(run('remove_user_from_group', { group_id: group.id, user_id: userId, fail_if_unchanged: true }))).toMatchObject({
    type: 'user_input_error',
    message: 'Nothing to change: the user is not a member of this group. (fail_if_unchanged is on; turn it off to succeed with changed: false.)',
  });
});

test('reset_factor twice: the factor is gone, then changed false', async () => {
  const userId = await activeUser();
  const factor = await run('enroll_email_factor', { user_id: userId, email: `rerun.${counter}@example.com`, activate: true });
  const { first, second } = await twice('reset_factor', { user_id: userId, factor_id: factor.factor.id });
  expect([first.changed, second.changed]).toEqual([true, false]);
});

test('a re-run Okta refuses is refused by name: create_group with the same name', async () => {
  const name = `Unique group ${Date.now()}`;
  await run('create_group', { name });
  const error = await failure(run('create_group', { name }));
  expect(error).toMatchObject({ type: 'user_input_error', status: 400, okta: { errorCode: 'E0000001' } });
});
