/**
 * The sandbox's session revoke and credential lifecycle calls (expire with or without a temporary password,
 * reset password by email or link, reset all factors), driven by the connector's operations, re-runs included.
 */
import { OktaObject } from '../../src/sandbox/core/org';
import { SANDBOX_PASS_CODE } from '../../src/sandbox';
import { testSpecConformance } from '../support/sandbox-spec-check';
import { addUser } from './fixture-users';
import { fullSandbox } from './full-sandbox';

const sandbox = fullSandbox('sandbox-credentials-test-token');
const { org, run, failure, api } = sandbox;
let admin: OktaObject;
let serial = 0;
/** A fresh ACTIVE user with two open sessions and an OAuth token. */
function person(status = 'ACTIVE'): OktaObject {
  const user = addUser(org, 'Test', `Person${++serial}`);
  user.status = status;
  org.sessions.set(user.id, { sessions: ['102sessionA', '102sessionB'], oauthTokens: ['oar1tokenA'] });
  return user;
}
const writesDuring = async (action: () => Promise<unknown>) => {
  const before = sandbox.writesSent.length;
  await action();
  return sandbox.writesSent.slice(before);
};

beforeAll(async () => {
  admin = addUser(org, 'Ada', 'Admin');
  org.adminId = admin.id;
  await sandbox.start();
});
afterAll(() => sandbox.stop());

describe('clear_user_sessions', () => {
  test('ends the sessions of a user given by login, keeping OAuth tokens unless asked; a re-run succeeds the same', async () => {
    const user = person();
    const output = await run('clear_user_sessions', { user_id: user.profile.login });
    expect(output).toEqual({ user_id: user.id, login: user.profile.login, oauth_tokens_revoked: false });
    expect(org.sessions.get(user.id)).toEqual({ sessions: [], oauthTokens: ['oar1tokenA'] });
    expect(await run('clear_user_sessions', { user_id: user.id, revoke_oauth_tokens: true })).toMatchObject({ oauth_tokens_revoked: true });
    expect(org.sessions.get(user.id)).toEqual({ sessions: [], oauthTokens: [] });
    expect(await writesDuring(() => run('clear_user_sessions', { user_id: user.id }))).toEqual([`DELETE /api/v1/users/${user.id}/sessions`]);
    expect(org.logEvents.filter((e) => e.eventType === 'user.session.clear' && e.target[0].id === user.id)).toHaveLength(3);
  });

  test('the endpoint takes an ID only (spec pathUserId); an unknown user is a 404 and nothing is revoked', async () => {
    const user = person();
    expect(await api('DELETE', `/api/v1/users/${encodeURIComponent(user.profile.login)}/sessions`)).toMatchObject({ status: 404, body: { errorCode: 'E0000007' } });
    expect(await failure('clear_user_sessions', { user_id: 'nobody@example.com' })).toMatchObject({ type: 'user_input_error', status: 404 });
    expect(org.sessions.get(user.id)!.sessions).toHaveLength(2);
  });
});

describe('expire_password', () => {
  test('expires the password (PASSWORD_EXPIRED); a re-run sends nothing, or fails when asked to', async () => {
    const user = person();
    const first = await run('expire_password', { user_id: user.id });
    expect(first).toMatchObject({ previous_status: 'ACTIVE', changed: true, user: { id: user.id, status: 'PASSWORD_EXPIRED' } });
    const writes = await writesDuring(async () => {
      expect(await run('expire_password', { user_id: user.id })).toMatchObject({ previous_status: 'PASSWORD_EXPIRED', changed: false, user: { status: 'PASSWORD_EXPIRED' } });
      expect(await failure('expire_password', { user_id: user.id, fail_if_unchanged: true })).toMatchObject({ type: 'user_input_error', fields: ['user_id'] });
    });
    expect(writes).toEqual([]);
  });

  test('with a temporary password: returned, expired, sessions ended when asked; each run issues a new one', async () => {
    const user = person();
    const first = await run('expire_password', { user_id: user.profile.login, temp_password: true, revoke_sessions: true });
    expect(first).toEqual({ user_id: user.id, login: user.profile.login, previous_status: 'ACTIVE', changed: true, temp_password: expect.stringMatching(/^\S{8,}$/) });
    expect(org.users.get(user.id)!.status).toBe('PASSWORD_EXPIRED');
    expect(org.sessions.get(user.id)!.sessions).toEqual([]);
    const second = await run('expire_password', { user_id: user.id, temp_password: true });
    expect(second).toMatchObject({ previous_status: 'PASSWORD_EXPIRED', changed: true });
    expect(second.temp_password).not.toBe(first.temp_password);
  });

  test('a STAGED user (no password) is refused with Okta\'s 403 E0000038, with or without a temporary password', async () => {
    const staged = person('STAGED');
    for (const input of [{ user_id: staged.id }, { user_id: staged.id, temp_password: true }]) {
      expect(await failure('expire_password', input)).toMatchObject({ type: 'user_input_error', status: 403, okta: { errorCode: 'E0000038' } });
    }
    expect(org.users.get(staged.id)!.status).toBe('STAGED');
  });
});

describe('reset_password', () => {
  test('returns the one-time link and moves the user to RECOVERY; each link-returning run issues a new link', async () => {
    const user = person();
    const first = await run('reset_password', { user_id: user.id, send_email: false, revoke_sessions: true });
    expect(first).toMatchObject({ previous_status: 'ACTIVE', changed: true, reset_password_url: expect.stringMatching(/\/signin\/reset-password\/\w{20}$/) });
    expect(org.users.get(user.id)!.status).toBe('RECOVERY');
    expect(org.sessions.get(user.id)!.sessions).toEqual([]);
    const second = await run('reset_password', { user_id: user.id, send_email: false });
    expect(second.reset_password_url).not.toBe(first.reset_password_url);
  });

  test('emails the user; a re-run finds the reset under way and sends no second email', async () => {
    const user = person();
    const first = await run('reset_password', { user_id: user.profile.login });
    expect(first).toEqual({ user_id: user.id, login: user.profile.login, previous_status: 'ACTIVE', changed: true });
    const writes = await writesDuring(async () => {
      expect(await run('reset_password', { user_id: user.id })).toMatchObject({ previous_status: 'RECOVERY', changed: false });
      expect(await failure('reset_password', { user_id: user.id, fail_if_unchanged: true })).toMatchObject({ type: 'user_input_error' });
    });
    expect(writes).toEqual([]);
  });

  test('a deactivated user is refused (403 E0000038); sendEmail is required by the endpoint', async () => {
    const gone = person('DEPROVISIONED');
    expect(await failure('reset_password', { user_id: gone.id, send_email: false })).toMatchObject({ status: 403, okta: { errorCode: 'E0000038' } });
    expect(await api('POST', `/api/v1/users/${person().id}/lifecycle/reset_password`)).toMatchObject({ status: 400, body: { errorCode: 'E0000028' } });
  });
});

describe('reset_factors', () => {
  test('unenrolls every factor; a re-run finds none and sends nothing', async () => {
    const user = person();
    await run('enroll_question_factor', { user_id: user.id, question: 'disliked_food', answer: 'broccoli' });
    const sms = await run('enroll_sms_factor', { user_id: user.id, phone_number: '+15554151337' });
    await run('activate_factor', { user_id: user.id, factor_id: sms.factor.id, pass_code: SANDBOX_PASS_CODE });
    expect(await run('reset_factors', { user_id: user.profile.login })).toEqual({ user_id: user.id, login: user.profile.login, factors_reset: 2, changed: true });
    expect((await run('list_enrolled_factors', { user_id: user.id })).factors).toEqual([]);
    const writes = await writesDuring(async () => {
      expect(await run('reset_factors', { user_id: user.id })).toMatchObject({ factors_reset: 0, changed: false });
      expect(await failure('reset_factors', { user_id: user.id, fail_if_unchanged: true })).toMatchObject({ type: 'user_input_error' });
    });
    expect(writes).toEqual([]);
    expect(org.users.get(user.id)!.status).toBe('ACTIVE');
  });
});

testSpecConformance(sandbox.spec, 'sessions and credentials', 8);
