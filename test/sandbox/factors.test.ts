import http from 'node:http';
import { invoke } from '../../src/index';
import { factorsRoutes, SANDBOX_PASS_CODE, seedFactors } from '../../src/sandbox/factors/factors';
import { OktaObject, SandboxOrg } from '../../src/sandbox/core/org';
import { createSandboxServer, listen } from '../../src/sandbox/core/server';
import { totpCode } from '../../src/sandbox/factors/totp';
import { defaultUserType, seedUserMeta } from '../../src/sandbox/meta/user-meta';
import { SandboxSpecCheck, testSpecConformance } from '../support/sandbox-spec-check';
import { addUser } from './fixture-users';
import { allowTestOrg } from '../support/test-org-destination';

const token = 'sandbox-factors-token';
const org = new SandboxOrg('http://127.0.0.1');
const check = new SandboxSpecCheck();
let clock = Date.parse('2025-01-01T00:00:00.000Z');
let server: http.Server;
let baseUrl: string;

const call = (op: string, input: unknown) => invoke(op, input, { auth: { domain: baseUrl, api_token: token } }) as Promise<any>;
const failure = (op: string, input: unknown) => call(op, input).then(
  () => { throw new Error(`${op} succeeded`); },
  (error: { toJSON(): Record<string, unknown> }) => error.toJSON() as any,
);
const raw = (method: string, path: string, body?: unknown) => call('raw_http_request', { method, path, ...(body === undefined ? {} : { body }) });

let nextUser = 0;
/** A fresh ACTIVE user of the default type, so each test starts without factors. */
function newUser(extra: OktaObject = {}): OktaObject {
  nextUser++;
  const user = addUser(org, `Test${nextUser}`, 'Person', extra);
  user.type = { id: defaultUserType(org)!.id };
  return user;
}

beforeAll(async () => {
  seedUserMeta(org);
  server = createSandboxServer({ routes: check.wrap(factorsRoutes(org, { now: () => clock })), token });
  baseUrl = await listen(server);
  allowTestOrg(baseUrl);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('catalog and questions', () => {
  test('list_security_questions: Okta\'s 20 keys with their texts; the DDL offers them', async () => {
    const user = newUser();
    const { questions } = await call('list_security_questions', { user_id: user.id });
    expect(questions).toHaveLength(20);
    expect(questions).toContainEqual({ question: 'disliked_food', questionText: 'What is the food you least liked as a child?' });
    expect(questions).toContainEqual({ question: 'place_where_significant_other_was_met', questionText: 'Where did you meet your spouse/significant other?' });
    const { result } = await call('list_security_questions_ddl', { user_id: user.id });
    expect(result).toHaveLength(20);
    expect(result[0]).toEqual({ text: 'What is the food you least liked as a child?', value: 'disliked_food' });
  });

  test('list_factors_to_enroll: the policy\'s factors, sms with the user\'s phone; DDLs over it', async () => {
    const user = newUser({ mobilePhone: '+14155550100' });
    const catalog = JSON.stringify(await call('list_factors_to_enroll', { user_id: user.id }));
    for (const type of ['"sms"', '"call"', '"email"', '"question"', '"token:software:totp"', '"push"', '"signed_nonce"']) expect(catalog).toContain(type);
    expect(catalog).toContain('"phoneNumber":"+14155550100"');
    expect(catalog).toContain('"enrollment":"REQUIRED"');
    expect(catalog).toContain('"status":"NOT_SETUP"');
    const { result } = await call('list_factors_to_enroll_ddl', { user_id: user.id });
    expect(result.map((o: { value: string }) => o.value)).toEqual(expect.arrayContaining(['sms:OKTA', 'token:software:totp:GOOGLE', 'question:OKTA']));
    const totp = await call('list_totp_providers_to_enroll_ddl', { user_id: user.id });
    expect(totp.result).toEqual([{ text: 'Okta Verify', value: 'OKTA' }, { text: 'Google Authenticator', value: 'GOOGLE' }]);
  });

  test('an unknown user id → 404 E0000007 (factor paths take ids only)', async () => {
    expect(await failure('list_enrolled_factors', { user_id: '00uUnknown0000000000' })).toMatchObject({ type: 'user_input_error', status: 404, okta: { errorCode: 'E0000007' } });
    const user = newUser();
    expect(await failure('list_factors_to_enroll', { user_id: user.profile.login })).toMatchObject({ status: 404, okta: { errorCode: 'E0000007' } });
  });
});

describe('sms enrollment and activation', () => {
  test('enroll_sms_factor → PENDING_ACTIVATION with activate/resend links; a wrong code is E0000068; the pass code activates', async () => {
    const user = newUser();
    const enrolled = await call('enroll_sms_factor', { user_id: user.id, phone_number: '+14155550101' });
    const factor = enrolled.factor;
    expect(factor).toMatchObject({ factorType: 'sms', provider: 'OKTA', status: 'PENDING_ACTIVATION', profile: { phoneNumber: '+14155550101' } });
    expect(factor.id).toMatch(/^mbl/);
    expect(enrolled.activate_url).toBe(`${baseUrl}/api/v1/users/${user.id}/factors/${factor.id}/lifecycle/activate`);
    expect(factor._links.resend).toEqual([expect.objectContaining({ name: 'sms', href: `${baseUrl}/api/v1/users/${user.id}/factors/${factor.id}/resend` })]);
    expect(factor._links.self.href).toBe(`${baseUrl}/api/v1/users/${user.id}/factors/${factor.id}`);

    const wrong = await failure('activate_factor', { user_id: user.id, factor_id: factor.id, pass_code: '000000' });
    expect(wrong).toMatchObject({ type: 'user_input_error', status: 403, okta: { errorCode: 'E0000068', errorSummary: 'Invalid Passcode/Answer' } });

    const active = await call('activate_factor', { user_id: user.id, factor_id: factor.id, pass_code: SANDBOX_PASS_CODE });
    expect(active).toMatchObject({ id: factor.id, status: 'ACTIVE' });
    expect(active._links.verify.href).toBe(`${baseUrl}/api/v1/users/${user.id}/factors/${factor.id}/verify`);
    expect(active._links.activate).toBeUndefined();
    expect(org.logEvents.map((e) => e.eventType)).toEqual(expect.arrayContaining(['user.mfa.factor.update', 'user.mfa.factor.activate', 'system.sms.send_phone_verification_message']));

    // Only PENDING_ACTIVATION factors can be activated.
    expect(await failure('activate_factor', { user_id: user.id, factor_id: factor.id, pass_code: SANDBOX_PASS_CODE })).toMatchObject({ status: 400, okta: { errorCode: 'E0000001' } });
  });

  test('five wrong codes within five minutes → 429 E0000047, which also refuses resends; it lifts after the window', async () => {
    const user = newUser();
    const { factor } = await call('enroll_sms_factor', { user_id: user.id, phone_number: '+14155550102' });
    for (let i = 0; i < 5; i++) {
      expect(await failure('activate_factor', { user_id: user.id, factor_id: factor.id, pass_code: '999999' })).toMatchObject({ okta: { errorCode: 'E0000068' } });
    }
    const limited = await failure('activate_factor', { user_id: user.id, factor_id: factor.id, pass_code: SANDBOX_PASS_CODE });
    expect(limited).toMatchObject({ type: 'rate_limited', status: 429, okta: { errorCode: 'E0000047' }, retryAfterSeconds: 300 });
    clock += 60_000;
    // Plain fetch: the connector waits out E0000047 on endpoints that do not declare it a functional limit.
    const resend = await fetch(`${baseUrl}/api/v1/users/${user.id}/factors/${factor.id}/resend`, {
      method: 'POST',
      headers: { Authorization: `SSWS ${token}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '+14155550102' } }),
    });
    expect(resend.status).toBe(429);
    expect(await resend.json()).toMatchObject({ errorCode: 'E0000047' });
    clock += 5 * 60_000;
    expect(await call('activate_factor', { user_id: user.id, factor_id: factor.id, pass_code: SANDBOX_PASS_CODE })).toMatchObject({ status: 'ACTIVE' });
  });

  test('resend_sms_factor: the enrollment SMS starts the 30 s window; twice quickly → rate_limited E0000109 (retry after 30 s)', async () => {
    const user = newUser();
    const { factor } = await call('enroll_sms_factor', { user_id: user.id, phone_number: '+14155550103' });
    expect(await failure('resend_sms_factor', { user_id: user.id, factor_id: factor.id })).toMatchObject({ type: 'rate_limited', okta: { errorCode: 'E0000109' } });
    clock += 31_000;
    const resent = await call('resend_sms_factor', { user_id: user.id, factor_id: factor.id });
    expect(resent).toMatchObject({ id: factor.id, status: 'PENDING_ACTIVATION' });
    const again = await failure('resend_sms_factor', { user_id: user.id, factor_id: factor.id });
    expect(again).toMatchObject({
      type: 'rate_limited',
      status: 429,
      retryAfterSeconds: 30,
      okta: { errorCode: 'E0000109', errorSummary: 'An SMS message was recently sent. Please wait 30 seconds before trying again.' },
    });
  });

  test('phones: E.164 only (E0000098); another number needs updatePhone on a pending factor; the registered phone is reused', async () => {
    const user = newUser({ mobilePhone: '+14155550104' });
    const invalid = await raw('POST', `/api/v1/users/${user.id}/factors`, { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber: '555-0100' } });
    expect(invalid).toMatchObject({ status_code: 400, body: { errorCode: 'E0000098', errorSummary: 'This phone number is invalid.' } });

    const reused = await call('enroll_sms_factor', { user_id: user.id });
    expect(reused.factor.profile.phoneNumber).toBe('+14155550104');
    const other = await failure('enroll_sms_factor', { user_id: user.id, phone_number: '+14155550199' });
    expect(other).toMatchObject({ type: 'user_input_error', status: 400, okta: { errorCode: 'E0000001', errorCauses: [{ errorSummary: 'There is an existing verified phone number.' }] } });
    clock += 31_000;
    const updated = await call('enroll_sms_factor', { user_id: user.id, phone_number: '+14155550199', update_phone: true });
    expect(updated.factor).toMatchObject({ id: reused.factor.id, profile: { phoneNumber: '+14155550199' } });

    const auto = await call('enroll_sms_factor', { user_id: newUser().id, phone_number: '+14155550105', activate: true });
    expect(auto.factor.status).toBe('ACTIVE');
    expect(auto.activate_url).toBeNull();
  });
});

describe('other factor types', () => {
  test('enroll_call_factor: pending, resent by call; a second voice number is refused', async () => {
    const user = newUser();
    const { factor } = await call('enroll_call_factor', { user_id: user.id, phone_number: '+14155550106', phone_extension: '1234' });
    expect(factor).toMatchObject({ factorType: 'call', status: 'PENDING_ACTIVATION', profile: { phoneNumber: '+14155550106', phoneExtension: '1234' } });
    expect(factor._links.resend[0].name).toBe('call');
    const resend = await raw('POST', `/api/v1/users/${user.id}/factors/${factor.id}/resend`, { factorType: 'call', provider: 'OKTA', profile: { phoneNumber: '+14155550106' } });
    expect(resend).toMatchObject({ status_code: 429, body: { errorCode: 'E0000133' } });
    expect(await failure('enroll_call_factor', { user_id: user.id, phone_number: '+14155550107' })).toMatchObject({ okta: { errorCode: 'E0000001' } });
  });

  test('enroll_email_factor: primary or secondary email only; activate=true is ACTIVE at once; 5 s resend window', async () => {
    const user = newUser({ secondEmail: 'second@example.com' });
    const refused = await failure('enroll_email_factor', { user_id: user.id, email: 'someone.else@example.com' });
    expect(refused).toMatchObject({ type: 'user_input_error', status: 400, okta: { errorCode: 'E0000001', errorSummary: 'Api validation failed: Only verified primary or secondary email can be enrolled.' } });
    const { factor } = await call('enroll_email_factor', { user_id: user.id, email: 'SECOND@example.com' });
    expect(factor).toMatchObject({ factorType: 'email', status: 'PENDING_ACTIVATION' });
    const resend = () => raw('POST', `/api/v1/users/${user.id}/factors/${factor.id}/resend`, { factorType: 'email', provider: 'OKTA', profile: { email: 'second@example.com' } });
    expect(await resend()).toMatchObject({ status_code: 429, body: { errorCode: 'E0000118', errorSummary: 'An email was recently sent. Please wait 5 seconds before trying again.' } });
    clock += 6_000;
    expect(await resend()).toMatchObject({ status_code: 200, body: { id: factor.id } });

    const other = newUser();
    const auto = await call('enroll_email_factor', { user_id: other.id, email: other.profile.email, activate: true });
    expect(auto.factor.status).toBe('ACTIVE');
  });

  test('enroll_question_factor: ACTIVE at once with the question text; unknown keys are refused', async () => {
    const user = newUser();
    const { factor } = await call('enroll_question_factor', { user_id: user.id, question: 'disliked_food', answer: 'spinach' });
    expect(factor).toMatchObject({ factorType: 'question', status: 'ACTIVE', profile: { question: 'disliked_food', questionText: 'What is the food you least liked as a child?' } });
    expect(JSON.stringify(factor)).not.toContain('spinach');
    expect(await failure('enroll_question_factor', { user_id: newUser().id, question: 'favourite_colour', answer: 'blue!' })).toMatchObject({ status: 400, okta: { errorCode: 'E0000001' } });
    expect(await failure('enroll_question_factor', { user_id: user.id, question: 'first_award', answer: 'chess' })).toMatchObject({ okta: { errorCode: 'E0000001', errorCauses: [{ errorSummary: 'A factor of this type is already set up.' }] } });
  });

  test('enroll_totp_factor: shared secret and QR link; the authenticator\'s current code activates it', async () => {
    const user = newUser();
    const enrolled = await call('enroll_totp_factor', { user_id: user.id });
    expect(enrolled.shared_secret).toMatch(/^[A-Z2-7]{16}$/);
    expect(enrolled.qr_code_url).toMatch(new RegExp(`^${baseUrl}/api/v1/users/${user.id}/factors/${enrolled.factor.id}/qr/`));
    expect(enrolled.factor._embedded.activation).toMatchObject({ timeStep: 30, keyLength: 6, encoding: 'base32' });
    const active = await call('activate_factor', { user_id: user.id, factor_id: enrolled.factor.id, pass_code: totpCode(enrolled.shared_secret, clock) });
    expect(active.status).toBe('ACTIVE');
    expect(active._embedded).toBeUndefined();

    const google = await call('enroll_totp_factor', { user_id: user.id, provider: 'GOOGLE' });
    expect(google.factor).toMatchObject({ provider: 'GOOGLE', vendorName: 'GOOGLE', profile: { credentialId: user.profile.login } });
  });
});

describe('reading and resetting factors', () => {
  test('get_factor, list_enrolled_factors and its DDL, reset_factor', async () => {
    const user = newUser();
    const sms = (await call('enroll_sms_factor', { user_id: user.id, phone_number: '+14155550108', activate: true })).factor;
    const question = (await call('enroll_question_factor', { user_id: user.id, question: 'first_award', answer: 'spelling bee' })).factor;

    expect(await call('get_factor', { user_id: user.id, factor_id: sms.id })).toMatchObject({ id: sms.id, factorType: 'sms', status: 'ACTIVE' });
    const listed = JSON.stringify(await call('list_enrolled_factors', { user_id: user.id }));
    expect(listed).toContain(sms.id);
    expect(listed).toContain(question.id);

    const { result } = await call('list_enrolled_factors_ddl', { user_id: user.id });
    expect(result).toEqual(expect.arrayContaining([{ text: 'sms (OKTA): +14155550108', value: sms.id }]));
    expect((await call('list_enrolled_factors_ddl', { user_id: user.id, factor_type: 'question' })).result).toEqual([
      { text: 'question (OKTA): What did you earn your first medal or award for?', value: question.id },
    ]);

    expect(await call('reset_factor', { user_id: user.id, factor_id: sms.id })).toEqual({ user_id: user.id, factor_id: sms.id, reset: true, changed: true });
    expect(await failure('get_factor', { user_id: user.id, factor_id: sms.id })).toMatchObject({ type: 'user_input_error', status: 404, okta: { errorCode: 'E0000007' } });
    expect(await call('reset_factor', { user_id: user.id, factor_id: sms.id })).toMatchObject({ reset: true, changed: false });
    expect(await failure('reset_factor', { user_id: user.id, factor_id: sms.id, fail_if_unchanged: true })).toMatchObject({ status: 404, okta: { errorCode: 'E0000007' } });
    expect(org.logEvents.some((e) => e.eventType === 'user.mfa.factor.deactivate' && e.target[0].id === user.id)).toBe(true);
  });

  test('a deprovisioned user\'s factors cannot be reset or enrolled (E0000038)', async () => {
    const user = newUser();
    const { factor } = await call('enroll_question_factor', { user_id: user.id, question: 'favorite_toy', answer: 'a yo-yo' });
    user.status = 'DEPROVISIONED';
    expect(await failure('reset_factor', { user_id: user.id, factor_id: factor.id })).toMatchObject({ status: 403, okta: { errorCode: 'E0000038' } });
    expect(await failure('enroll_email_factor', { user_id: user.id, email: user.profile.email })).toMatchObject({ status: 403, okta: { errorCode: 'E0000038' } });
  });
});

test('seedFactors: active sms/email/question factors for the first users and one pending sms', () => {
  const seeded = new SandboxOrg('http://127.0.0.1');
  const users = Array.from({ length: 8 }, (_, i) => addUser(seeded, `Seed${i}`, 'User'));
  seedFactors(seeded, { users: 8 });
  const factorsOf = (u: OktaObject) => [...(seeded.factors.get(u.id)?.values() ?? [])];
  expect(factorsOf(users[0]).map((f) => `${f.factorType}:${f.status}`).sort()).toEqual(['email:ACTIVE', 'question:ACTIVE', 'sms:ACTIVE']);
  expect(factorsOf(users[3]).map((f) => f.factorType)).toEqual(['question']);
  expect(factorsOf(users[5])).toEqual([expect.objectContaining({ factorType: 'sms', status: 'PENDING_ACTIVATION' })]);
  expect(factorsOf(users[7])).toEqual([]);
});

testSpecConformance(check, 'factors', 20);
