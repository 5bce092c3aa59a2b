import { invoke } from '../../src';
import { FakeOkta } from './support/fake-okta';
import { jwkThumbprint, sha256b64u } from './support/jws';
import { ecKey, rsaKey } from './support/keys';

const CLIENT_ID = '0oa9dpopcl1ent5w3d7';
const key = rsaKey();
let fake: FakeOkta;

beforeEach(async () => {
  fake = await new FakeOkta({ clientId: CLIENT_ID, publicKey: key.publicKey, kid: key.kid }).start();
});

afterEach(async () => {
  await fake.close();
  expect(fake.violations).toEqual([]);
});

const auth = (extra: Record<string, unknown> = {}) => ({ domain: fake.url, client_id: CLIENT_ID, private_key: key.pkcs8Pem, key_id: key.kid, ...extra });
const getUser = (extra?: Record<string, unknown>) => invoke('get_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth: auth(extra) });
const issuedTokens = () => [...fake.issued.keys()];

describe('DPoP at the token endpoint', () => {
  test('an app that requires DPoP: proof missing → proof → nonce → DPoP-bound token used with a proof per call', async () => {
    fake.requireDpop = true;
    fake.tokenNonce = 'nonce-from-okta-1';
    await expect(getUser()).resolves.toMatchObject({ id: '00ub0oNGTSWTBKOLGLNR' });

    expect(fake.tokenRequests.map((r) => [r.status, r.error ?? 'ok', Boolean(r.proof), r.proof?.claims.nonce])).toEqual([
      [400, 'invalid_dpop_proof', false, undefined],
      [400, 'use_dpop_nonce', true, undefined],
      [200, 'ok', true, 'nonce-from-okta-1'],
    ]);
    const tokenProof = fake.tokenRequests[2].proof!;
    expect(tokenProof.header).toMatchObject({ typ: 'dpop+jwt', alg: 'ES256', jwk: { kty: 'EC', crv: 'P-256' } });
    expect(tokenProof.claims).toMatchObject({ htm: 'POST', htu: `${fake.url}/oauth2/v1/token` });
    // A new assertion and a new proof for each attempt.
    expect(new Set(fake.tokenRequests.map((r) => r.assertion!.claims.jti)).size).toBe(3);

    const [token] = issuedTokens();
    const [call] = fake.apiRequests;
    expect(call.authorization).toBe(`DPoP ${token}`);
    expect(call.proof!.claims).toMatchObject({ htm: 'GET', htu: `${fake.url}/api/v1/users/00ub0oNGTSWTBKOLGLNR`, ath: sha256b64u(token) });
    expect(call.proof!.claims.nonce).toBeUndefined();
    // The DPoP key is its own key, and the same one for the token and the calls.
    expect(jwkThumbprint(call.proof!.header.jwk)).toBe(jwkThumbprint(tokenProof.header.jwk));
    expect(jwkThumbprint(call.proof!.header.jwk)).not.toBe(jwkThumbprint(key.publicKey.export({ format: 'jwk' })));

    await getUser();
    expect(fake.tokenRequests).toHaveLength(3);
    expect(fake.apiRequests.map((r) => r.status)).toEqual([200, 200]);
    expect(fake.apiRequests[1].proof!.claims.jti).not.toBe(call.proof!.claims.jti);
  });

  test('once switched, the app stays on DPoP: a token for another scope set needs one request, and the same DPoP key', async () => {
    fake.requireDpop = true;
    await getUser();
    await invoke('list_groups_ddl', {}, { auth: auth() });
    expect(fake.tokenRequests.map((r) => [r.form.scope, r.status])).toEqual([
      ['okta.users.read', 400],
      ['okta.users.read', 200],
      ['okta.groups.read', 200],
    ]);
    const thumbprints = fake.apiRequests.map((r) => jwkThumbprint(r.proof!.header.jwk));
    expect(new Set(thumbprints).size).toBe(1);
  });

  test('dpop: true sends a proof with the first token request', async () => {
    await getUser({ dpop: true });
    expect(fake.tokenRequests.map((r) => [r.status, Boolean(r.proof)])).toEqual([[200, true]]);
    expect(fake.apiRequests[0].authorization).toBe(`DPoP ${issuedTokens()[0]}`);
  });

  test('a rotated token-endpoint nonce is picked up on renewal', async () => {
    fake.requireDpop = true;
    fake.tokenNonce = 'n-1';
    await getUser();
    fake.tokenNonce = 'n-2';
    fake.revokeAllTokens();
    await getUser();
    expect(fake.tokenRequests.map((r) => [r.status, r.error ?? 'ok', r.proof?.claims.nonce])).toEqual([
      [400, 'invalid_dpop_proof', undefined],
      [400, 'use_dpop_nonce', undefined],
      [200, 'ok', 'n-1'],
      [400, 'use_dpop_nonce', 'n-1'],
      [200, 'ok', 'n-2'],
    ]);
    expect(fake.apiRequests.map((r) => r.status)).toEqual([200, 401, 200]);
  });

  test('an app without DPoP keeps Bearer tokens', async () => {
    await getUser();
    expect(fake.tokenRequests[0].proof).toBeUndefined();
    expect(fake.apiRequests[0].authorization).toBe(`Bearer ${issuedTokens()[0]}`);
    expect(fake.apiRequests[0].proof).toBeUndefined();
  });
});

describe('DPoP at the resource server', () => {
  test('401 WWW-Authenticate: DPoP error="use_dpop_nonce" → the nonce goes into the next proof, once', async () => {
    fake.requireDpop = true;
    fake.resourceNonce = 'rs-nonce-1';
    await expect(getUser()).resolves.toMatchObject({ id: '00ub0oNGTSWTBKOLGLNR' });
    expect(fake.apiRequests.map((r) => [r.status, r.proof?.claims.nonce])).toEqual([
      [401, undefined],
      [200, 'rs-nonce-1'],
    ]);
    await getUser();
    fake.resourceNonce = 'rs-nonce-2';
    await getUser();
    expect(fake.apiRequests.map((r) => [r.status, r.proof?.claims.nonce])).toEqual([
      [401, undefined],
      [200, 'rs-nonce-1'],
      [200, 'rs-nonce-1'],
      [401, 'rs-nonce-1'],
      [200, 'rs-nonce-2'],
    ]);
    expect(fake.tokenRequests.filter((r) => r.status === 200)).toHaveLength(1);
  });

  test('paging under DPoP: the next-page proof has htu without the query string', async () => {
    const ec = ecKey('P-256');
    await fake.close();
    fake = await new FakeOkta({ clientId: CLIENT_ID, publicKey: ec.publicKey }).start();
    fake.requireDpop = true;
    const output = await invoke('list_users', { fetch_all: true }, { auth: { domain: fake.url, client_id: CLIENT_ID, private_key: ec.jwk } });
    expect(output).toMatchObject({ users: [{ id: '00ub0oNGTSWTBKOLGLNR' }, { id: '00ub0oNGTSWTBKOLGLNS' }] });
    expect(fake.apiRequests.map((r) => [r.url.includes('after='), r.proof!.claims.htu])).toEqual([
      [false, `${fake.url}/api/v1/users`],
      [true, `${fake.url}/api/v1/users`],
    ]);
  });
});
