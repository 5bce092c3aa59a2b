/**
 * Preflight (dry run) against the embedded sandbox: reads are sent, writes are only planned, the checks that
 * would refuse the call still refuse it, and secrets in the plan are masked.
 */
import { generateKeyPairSync } from 'node:crypto';
import { invoke } from '../../src/index';
import { failure } from '../support/failure';
import { recordedSandbox } from '../support/recorded-sandbox';

const recorded = recordedSandbox();
const { run, sentDuring } = recorded;
const dryRun = (operation: string, input: unknown): Promise<any> => recorded.run(operation, input, { dryRun: true });

let counter = 0;
async function newUser(activate: boolean): Promise<{ id: string; status: string }> {
  counter += 1;
  const login = `dry.run.${counter}@example.com`;
  return run('create_user', { activate, profile: { login, email: login, firstName: 'Dry', lastName: `Run${counter}` }, password: 'Correct-Horse-9-Battery' });
}

test('delete_user: reads the user, plans deactivate then delete, and the user is still there', async () => {
  const user = await newUser(true);
  let plan: any;
  const sent = await sentDuring(async () => (plan = await dryRun('delete_user', { user_id: user.id })));
  expect(plan).toEqual({
    dry_run: true,
    operation: 'delete_user',
    reads: [{ method: 'GET', path: `/api/v1/users/${user.id}` }],
    would_send: [
      { method: 'POST', path: `/api/v1/users/${user.id}/lifecycle/deactivate`, query: { sendEmail: 'false' } },
      { method: 'DELETE', path: `/api/v1/users/${user.id}` },
    ],
    complete: true,
  });
  expect(sent).toEqual([`GET /api/v1/users/${user.id}`]);
  expect((await run('get_user', { user_id: user.id })).status).toBe('ACTIVE');
});

test('a lifecycle step on a user in the wrong status is refused, as Okta would refuse it, and nothing is written', async () => {
  const staged = await newUser(false);
  let error: any;
  const sent = await sentDuring(async () => (error = await failure(dryRun('suspend_user', { user_id: staged.id }))));
  expect(error).toMatchObject({ type: 'user_input_error', fields: ['user_id'] });
  expect(error.message).toBe('Suspend user works only on ACTIVE users; this user is STAGED.');
  expect(sent).toEqual([`GET /api/v1/users/${staged.id}`]);
});

test('a lifecycle step whose end state is reached plans nothing and says why', async () => {
  const user = await newUser(true);
  await run('suspend_user', { user_id: user.id, return_user: false });
  const plan = await dryRun('suspend_user', { user_id: user.id });
  expect(plan).toMatchObject({ would_send: [], complete: true, note: 'The user is already SUSPENDED: Suspend user would send nothing.' });
  const allowed = await dryRun('unsuspend_user', { user_id: user.id });
  expect(allowed.would_send).toEqual([{ method: 'POST', path: `/api/v1/users/${user.id}/lifecycle/unsuspend` }]);
});

test('add_user_to_group refuses a group Okta would refuse, and plans the PUT for an OKTA_GROUP', async () => {
  const user = await newUser(true);
  const everyone = [...recorded.sandbox.org.groups.values()].find((g) => g.type === 'BUILT_IN')!;
  const refusal = await failure(dryRun('add_user_to_group', { group_id: everyone.id, user_id: user.id }));
  expect(refusal).toMatchObject({ type: 'user_input_error', fields: ['group_id'] });
  expect(refusal.message).toContain('is of type BUILT_IN');

  const group = await run('create_group', { name: `Dry run group ${counter}` });
  const plan = await dryRun('add_user_to_group', { group_id: group.id, user_id: user.id });
  expect(plan.would_send).toEqual([{ method: 'PUT', path: `/api/v1/groups/${group.id}/users/${user.id}` }]);
  expect((await run('list_group_members', { group_id: group.id })).users).toEqual([]);
});

test('create_user: the plan holds the body with the password masked; bad input is refused before anything is sent', async () => {
  const sent = await sentDuring(async () => {
    const plan = await dryRun('create_user', {
      activate: false,
      profile: { login: 'planned@example.com', email: 'planned@example.com', firstName: 'Plan', lastName: 'Ned' },
      password: 'Correct-Horse-9-Battery',
      recovery_question: { question: 'First pet?', answer: 'Rex the dog' },
    });
    expect(plan.would_send).toHaveLength(1);
    expect(plan.would_send[0]).toMatchObject({ method: 'POST', path: '/api/v1/users', query: { activate: 'false' } });
    expect(plan.would_send[0].body.credentials).toEqual({ password: { value: '[masked]' }, recovery_question: { question: 'First pet?', answer: '[masked]' } });
    expect(JSON.stringify(plan)).not.toContain('Correct-Horse');
    expect(JSON.stringify(plan)).not.toContain('Rex the dog');
  });
  expect(sent).toEqual([]);
  const invalid = await failure(dryRun('create_user', { profile: { login: 'x' } }));
  expect(invalid.type).toBe('user_input_error');
});

test('raw_http_request: a GET is a read and is sent, a POST is planned with unknown header values masked', async () => {
  const read = await dryRun('raw_http_request', { method: 'GET', path: '/api/v1/groups' });
  expect(read).toMatchObject({ would_send: [], reads: [{ method: 'GET', path: '/api/v1/groups' }] });
  const write = await dryRun('raw_http_request', { method: 'POST', path: '/api/v1/groups', headers: { 'X-Custom-Key': 'hunter2-secret' }, body: { profile: { name: 'x' } } });
  expect(write.would_send).toEqual([{ method: 'POST', path: '/api/v1/groups', body: { profile: { name: 'x' } }, headers: { 'X-Custom-Key': '[masked]' } }]);
});

test('an OAuth credential fixed to scopes the operation lacks is refused before any token request', async () => {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const oauth = { domain: recorded.sandbox.url, client_id: '0oa-dry-run', private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }), scopes: ['okta.users.read'] };
  const sent = await sentDuring(async () => {
    const error = await failure(invoke('suspend_user', { user_id: 'someone' }, { auth: oauth, dryRun: true }));
    expect(error).toMatchObject({ type: 'permission_error', fields: ['auth.scopes'] });
    expect(error.message).toBe('suspend_user needs the OAuth scope(s) okta.users.manage, which auth.scopes does not grant');
  });
  expect(sent).toEqual([]);
});

test('a read operation in a dry run reads and plans nothing', async () => {
  const plan = await dryRun('get_user', { user_id: recorded.sandbox.org.adminId });
  expect(plan).toMatchObject({ would_send: [], complete: true, reads: [{ method: 'GET' }] });
});
