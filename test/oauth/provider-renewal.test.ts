import { APP_STATE_DEFAULTS, appStateCount, appStateFor, configureAppStates } from '../../src/auth/oauth/app-state';
import { oauthProvider } from '../../src/auth/oauth/provider';
import { AuthProvider } from '../../src/http/auth-provider';
import { FakeOkta } from './support/fake-okta';
import { decodeJwt } from './support/jws';
import { ecKey } from './support/keys';

const CLIENT_ID = '0oa5mutantpr0vider7';
const key = ecKey('P-256');
let fake: FakeOkta;

beforeEach(async () => {
  fake = await new FakeOkta({ clientId: CLIENT_ID, publicKey: key.publicKey }).start();
});

afterEach(async () => {
  configureAppStates(APP_STATE_DEFAULTS);
  await fake.close();
  expect(fake.violations).toEqual([]);
});

const provider = (extra: Record<string, unknown> = {}): AuthProvider =>
  oauthProvider({ domain: fake.url, client_id: CLIENT_ID, private_key: key.jwk, ...extra }, ['okta.users.read']);
const call = (p: AuthProvider) => p.authorize({ method: 'GET', url: `${fake.url}/api/v1/users/00ub0oNGTSWTBKOLGLNR` });
const unauthorized = (p: AuthProvider, headers: Record<string, string>, body: unknown = null) => p.renewAfterUnauthorized!({ status: 401, headers, body });
/** Drops every idle app state, as the pool does to an app unused for its idle time. */
const dropAppStates = () => {
  configureAppStates({ idleMs: 0 });
  appStateCount({ sweep: true });
  configureAppStates(APP_STATE_DEFAULTS);
};

describe('401 answers: renew the token only when Okta says it is invalid', () => {
  test.each([
    ['the RFC 6750 challenge', { 'www-authenticate': 'Bearer error="invalid_token", error_description="The access token is invalid."' }, null],
    ['an OAuth error body', {}, { error: 'invalid_token', error_description: 'The access token is invalid.' }],
    ["Okta's E0000011 body", {}, { errorCode: 'E0000011', errorSummary: 'Invalid token provided' }],
  ])('%s: the request may be re-sent, with a new token', async (_, headers, body) => {
    const p = provider();
    const first = await call(p);
    await expect(unauthorized(p, headers, body)).resolves.toBe(true);
    const second = await call(p);
    expect(fake.tokenRequests).toHaveLength(2);
    expect(second.Authorization).not.toBe(first.Authorization);
  });

  test.each([
    ['another Okta error', {}, { errorCode: 'E0000004', errorSummary: 'Authentication failed' }],
    ['another challenge', { 'www-authenticate': 'Bearer error="insufficient_scope"' }, null],
    ['an empty 401', {}, null],
  ])('%s: not re-sent, and the token is kept', async (_, headers, body) => {
    const p = provider();
    const first = await call(p);
    await expect(unauthorized(p, headers, body)).resolves.toBe(false);
    expect(await call(p)).toEqual(first);
    expect(fake.tokenRequests).toHaveLength(1);
  });
});

describe('401 use_dpop_nonce at the resource server', () => {
  const nonceChallenge = (nonce?: string) => ({
    'www-authenticate': 'DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"',
    ...(nonce ? { 'dpop-nonce': nonce } : {}),
  });
  const proofNonce = async (p: AuthProvider) => decodeJwt((await call(p)).DPoP).claims.nonce;

  test('a new nonce is answered once; the same nonce again, or none, is not retried', async () => {
    const p = provider({ dpop: true });
    await call(p);
    await expect(unauthorized(p, nonceChallenge('nonce-r-1'))).resolves.toBe(true);
    expect(await proofNonce(p)).toBe('nonce-r-1');
    await expect(unauthorized(p, nonceChallenge('nonce-r-1'))).resolves.toBe(false);
    await expect(unauthorized(p, nonceChallenge())).resolves.toBe(false);
    expect(await proofNonce(p)).toBe('nonce-r-1');
    expect(fake.tokenRequests).toHaveLength(1);
  });

  test('a DPoP-Nonce header on another 401 is not a nonce challenge: an invalid token is still renewed', async () => {
    const p = provider({ dpop: true });
    await call(p);
    await expect(unauthorized(p, { 'dpop-nonce': 'nonce-r-2' }, { errorCode: 'E0000004' })).resolves.toBe(false);
    await expect(unauthorized(p, { 'www-authenticate': 'DPoP error="invalid_token"', 'dpop-nonce': 'nonce-r-2' })).resolves.toBe(true);
    expect(await proofNonce(p)).toBeUndefined();
    expect(fake.tokenRequests).toHaveLength(2);
  });
});

describe('secrets the sweeps redact', () => {
  test('before any call: the key material only; after: the tokens sent too, even once the app state is dropped', async () => {
    const p = provider();
    const keyMaterial = [...p.secrets];
    expect(keyMaterial.length).toBeGreaterThan(0);
    for (const s of keyMaterial) expect(JSON.stringify(key.jwk)).toContain(s);

    await call(p);
    await unauthorized(p, { 'www-authenticate': 'Bearer error="invalid_token"' });
    for (let i = 0; i < 6; i++) await call(p); // the current token, sent again and again
    const tokens = [...fake.issued.keys()];
    expect(tokens).toHaveLength(2);
    expect(p.secrets).toEqual(expect.arrayContaining([...keyMaterial, ...tokens]));

    dropAppStates();
    expect(p.secrets).toEqual(expect.arrayContaining([...keyMaterial, ...tokens]));
  });

  test('what a provider remembers having sent is bounded: the last 5 tokens, the older ones forgotten', async () => {
    const p = provider();
    const keyMaterial = [...p.secrets];
    for (let i = 0; i < 8; i++) {
      await call(p);
      await unauthorized(p, { 'www-authenticate': 'Bearer error="invalid_token"' });
    }
    const tokens = [...fake.issued.keys()];
    expect(tokens).toHaveLength(8);
    dropAppStates(); // what is left is only what the provider itself kept
    expect([...p.secrets].sort()).toEqual([...keyMaterial, ...tokens.slice(3)].sort());
  });

  test("the app's tokens count as this provider's secrets even when another provider of the app fetched them", async () => {
    const idle = provider();
    await call(provider());
    const [token] = fake.issued.keys();
    expect(idle.secrets).toContain(token);
  });
});

test('scope sets whose scopes run together into the same text still get tokens of their own', async () => {
  fake.grantedScopes.add('okta.groups.readokta.users.read');
  const two = provider({ scopes: 'okta.groups.read okta.users.read' });
  const one = provider({ scopes: 'okta.groups.readokta.users.read' });
  const a = await call(two);
  const b = await call(one);
  expect(fake.tokenRequests.map((r) => r.form.scope)).toEqual(['okta.groups.read okta.users.read', 'okta.groups.readokta.users.read']);
  expect(a.Authorization).not.toBe(b.Authorization);
});

describe('app states', () => {
  test('configureAppStates sets the idle time; appStateCount sweeps only when asked', () => {
    appStateFor('app-state-test-key');
    configureAppStates({ idleMs: 0 });
    expect(appStateCount()).toBeGreaterThan(0);
    expect(appStateCount({ sweep: true })).toBe(0);
  });
});

test('one HTTP client per app and scope set: the cache key tells them apart, and is stable for the same credential', () => {
  const users = provider();
  expect(provider().cacheKey).toBe(users.cacheKey);
  expect(provider({ scopes: 'okta.groups.read' }).cacheKey).not.toBe(users.cacheKey);
  expect(provider({ client_id: '0oa5otherapp0000001' }).cacheKey).not.toBe(users.cacheKey);
});
