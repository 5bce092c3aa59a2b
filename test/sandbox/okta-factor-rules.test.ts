/**
 * Factor rules where Okta documents them: push enrolment and activation, verify (challenge, passcode, answer,
 * push transaction), and the wording of refused enrolments. "spec Lnnnnn" is a line of the management spec.
 */
import { SANDBOX_PASS_CODE } from '../../src/sandbox';
import { totpCode } from '../../src/sandbox/factors/totp';
import { testSpecConformance } from '../support/sandbox-spec-check';
import { DemoOrgServer, oktaError } from './demo-org-server';

const sandbox = new DemoOrgServer();
const api = (method: string, path: string, body?: unknown) => sandbox.api(method, path, body);
const factors = (userId: string) => `/api/v1/users/${userId}/factors`;
/** A new ACTIVE user without factors. */
const freshUser = async (first: string) => {
  const login = `${first.toLowerCase()}.factors@example.com`;
  const made = await api('POST', '/api/v1/users?activate=true', { profile: { firstName: first, lastName: 'Factors', login, email: login }, credentials: { password: { value: 'Factor-Pass-42' } } });
  return made.body as { id: string };
};

beforeAll(() => sandbox.start());
afterAll(() => sandbox.stop());

describe('push (spec enrollFactor L26685, example EnrollFactorOVPushResponse L39137)', () => {
  test('enrolment answers 200 PENDING_ACTIVATION with _embedded.activation: WAITING, expiresAt, send links and a QR code', async () => {
    const bob = sandbox.user('bob.jones@example.com');
    const started = Date.now();
    const answer = await api('POST', factors(bob.id), { factorType: 'push', provider: 'OKTA' });
    expect(answer).toMatchObject({
      status: 200,
      body: {
        factorType: 'push',
        provider: 'OKTA',
        status: 'PENDING_ACTIVATION',
        id: expect.stringMatching(/^opf/),
        _links: { poll: { href: expect.stringContaining('/lifecycle/activate/poll') } },
        _embedded: {
          activation: {
            factorResult: 'WAITING',
            _links: { send: [{ name: 'email' }, { name: 'sms' }], qrcode: { href: expect.stringContaining('/qr/'), type: 'image/png' } },
          },
        },
      },
    });
    const expiresAt = Date.parse(answer.body._embedded.activation.expiresAt);
    expect(expiresAt - started).toBeGreaterThan(9 * 60_000);
    expect(expiresAt - started).toBeLessThanOrEqual(10 * 60_000 + 1000);
    // A second push enrolment while one exists is refused like any factor already set up.
    expect((await api('POST', factors(bob.id), { factorType: 'push', provider: 'OKTA' })).status).toBe(400);
  });

  // spec activateFactor (L26960) lists push among the factors that need activation; example ActivateFactorPushResponse (L31436).
  test('activation makes it ACTIVE with the device in its profile and a verify link', async () => {
    const bob = sandbox.user('bob.jones@example.com');
    const push = (await api('GET', factors(bob.id))).body.find((f: any) => f.factorType === 'push');
    const answer = await api('POST', `${factors(bob.id)}/${push.id}/lifecycle/activate`);
    expect(answer).toMatchObject({ status: 200, body: { status: 'ACTIVE', profile: { credentialId: 'bob.jones@example.com', deviceType: expect.any(String) }, _links: { verify: { href: expect.stringContaining('/verify') } } } });
    expect(answer.body._embedded).toBeUndefined();
  });

  // spec verifyFactor (L27140): push answers 201 WAITING with a poll link; getFactorTransactionStatus (L27094) reports the result.
  test('verify answers 201 WAITING with poll and cancel links; the poll answers SUCCESS', async () => {
    const bob = sandbox.user('bob.jones@example.com');
    const push = (await api('GET', factors(bob.id))).body.find((f: any) => f.factorType === 'push');
    const challenge = await api('POST', `${factors(bob.id)}/${push.id}/verify`);
    expect(challenge).toMatchObject({ status: 201, body: { factorResult: 'WAITING', expiresAt: expect.any(String), _links: { poll: { href: expect.stringContaining('/transactions/') }, cancel: { hints: { allow: ['DELETE'] } } } } });
    const poll = new URL(challenge.body._links.poll.href);
    expect(await api('GET', poll.pathname)).toMatchObject({ status: 200, body: { factorResult: 'SUCCESS' } });
    expect(await api('GET', `${factors(bob.id)}/${push.id}/transactions/v2mst.unknown`)).toMatchObject(oktaError(404, 'E0000007'));
  });
});

describe('verify (spec verifyFactor L27140)', () => {
  const activeSms = (userId: string) => sandbox.org.factors.get(userId) && [...sandbox.org.factors.get(userId)!.values()].find((f) => f.factorType === 'sms' && f.status === 'ACTIVE');

  test('sms: without passCode a challenge (CHALLENGE, the phone, verify link); the pass code verifies; a wrong one is 403 E0000068', async () => {
    const user = [...sandbox.org.users.values()].find((u) => activeSms(u.id))!;
    const sms = activeSms(user.id)!;
    const challenge = await api('POST', `${factors(user.id)}/${sms.id}/verify`);
    expect(challenge).toMatchObject({ status: 200, body: { factorResult: 'CHALLENGE', profile: { phoneNumber: sms.profile.phoneNumber }, _links: { verify: {}, factor: {} } } });
    expect(await api('POST', `${factors(user.id)}/${sms.id}/verify`, { passCode: SANDBOX_PASS_CODE })).toMatchObject({ status: 200, body: { factorResult: 'SUCCESS' } });
    expect(await api('POST', `${factors(user.id)}/${sms.id}/verify`, { passCode: '000000' })).toMatchObject(oktaError(403, 'E0000068', 'Invalid Passcode/Answer'));
    expect(sandbox.org.logEvents.some((e) => e.eventType === 'user.authentication.auth_via_mfa' && e.target[0].id === user.id)).toBe(true);
  });

  test('question: the answer given at enrolment verifies (answers are write-only); a wrong one is 403 E0000068', async () => {
    const alice = await freshUser('Quentin');
    const enrolled = await api('POST', factors(alice.id), { factorType: 'question', provider: 'OKTA', profile: { question: 'disliked_food', answer: 'Brussels sprouts' } });
    expect(JSON.stringify(enrolled.body)).not.toContain('Brussels');
    const path = `${factors(alice.id)}/${enrolled.body.id}/verify`;
    expect(await api('POST', path, { answer: 'brussels sprouts ' })).toMatchObject({ status: 200, body: { factorResult: 'SUCCESS' } });
    expect(await api('POST', path, { answer: 'broccoli' })).toMatchObject(oktaError(403, 'E0000068'));
  });

  test('TOTP: after activation, the current code of the shared secret (or the pass code) verifies', async () => {
    const alice = await freshUser('Tobias');
    const enrolled = await api('POST', factors(alice.id), { factorType: 'token:software:totp', provider: 'GOOGLE' });
    const secret = enrolled.body._embedded.activation.sharedSecret;
    const base = `${factors(alice.id)}/${enrolled.body.id}`;
    expect((await api('POST', `${base}/verify`, { passCode: SANDBOX_PASS_CODE })).status).toBe(400);
    expect((await api('POST', `${base}/lifecycle/activate`, { passCode: totpCode(secret, Date.now()) })).body.status).toBe('ACTIVE');
    expect(await api('POST', `${base}/verify`, { passCode: totpCode(secret, Date.now()) })).toMatchObject({ status: 200, body: { factorResult: 'SUCCESS' } });
    expect((await api('POST', `${base}/verify`, { passCode: '999999' })).status).toBe(403);
  });
});

// okta/okta-sdk-nodejs test/it/factor-create.ts: push with provider YUBICO → cause "Factor not enabled.";
// an unknown provider → cause "Invalid Provider.".
describe('refused enrolments use Okta\'s wording', () => {
  test('a known provider outside the policy is "Factor not enabled."; an unknown provider "Invalid Provider."', async () => {
    const alice = sandbox.user('alice.smith@example.com');
    const yubico = await api('POST', factors(alice.id), { factorType: 'push', provider: 'YUBICO' });
    expect(yubico).toMatchObject(oktaError(400, 'E0000001', 'Api validation failed: factorEnrollRequest', ['Factor not enabled.']));
    const hotp = await api('POST', factors(alice.id), { factorType: 'token:hotp', provider: 'CUSTOM' });
    expect(hotp).toMatchObject(oktaError(400, 'E0000001', undefined, ['Factor not enabled.']));
    const unknown = await api('POST', factors(alice.id), { factorType: 'push', provider: 'UNSUPPORTED_PROVIDER' });
    expect(unknown).toMatchObject(oktaError(400, 'E0000001', 'Api validation failed: factorEnrollRequest', ['Invalid Provider.']));
  });
});

testSpecConformance(sandbox.spec, 'factor rules', 10);
