import { randomBytes } from 'node:crypto';
import { invoke } from '../../src';
import { ConnectorError } from '../../src/core/errors';
import { loadSigningKey } from '../../src/auth/oauth/signing-key';
import { FakeOkta } from './support/fake-okta';
import { ecKey, rsaKey } from './support/keys';

// Tenant A (the victim) and tenant B share an org and a client id (or B learnt A's); B holds only A's
// public key, as anyone can from the app's JWKS. B's calls must never go out with A's access token.
const CLIENT_ID = '0oa5forgedjwk0test5d7';
const victim = rsaKey('victim-rsa');
const victimEc = ecKey('P-256', 'victim-ec');
const junk = (bytes: number) => randomBytes(bytes).toString('base64url');
const forgedRsa = () => ({ kty: 'RSA', kid: victim.kid, n: victim.jwk.n, e: victim.jwk.e, d: junk(256), p: junk(128), q: junk(128), dp: junk(128), dq: junk(128), qi: junk(128) });
const forgedEc = () => ({ kty: 'EC', kid: victimEc.kid, crv: 'P-256', x: victimEc.jwk.x, y: victimEc.jwk.y, d: junk(32) });

let fake: FakeOkta;
afterEach(async () => {
  await fake.close();
});

async function refusal(call: Promise<unknown>): Promise<ConnectorError> {
  const error = await call.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
}

test.each([
  ['RSA', victim, forgedRsa],
  ['EC P-256', victimEc, forgedEc],
] as const)("%s: a JWK with the victim's public key and made-up private parts never gets the victim's token", async (_name, key, forged) => {
  fake = await new FakeOkta({ clientId: CLIENT_ID, publicKey: key.publicKey, kid: key.kid }).start();
  const victimAuth = { domain: fake.url, client_id: CLIENT_ID, private_key: key.jwk };
  const attackerAuth = { domain: fake.url, client_id: CLIENT_ID, private_key: forged() };

  await expect(invoke('get_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth: victimAuth })).resolves.toMatchObject({ id: '00ub0oNGTSWTBKOLGLNR' });
  const [victimToken] = [...fake.issued.keys()];
  expect(fake.apiRequests).toHaveLength(1);

  const attempts = [
    invoke('get_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth: attackerAuth }),
    invoke('delete_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth: attackerAuth }),
    invoke('raw_http_request', { method: 'DELETE', path: '/api/v1/groups/00g1emaKYZTWRYYRRTSK' }, { auth: attackerAuth }),
  ];
  for (const attempt of attempts) {
    const error = await refusal(attempt);
    expect(error).toMatchObject({ type: 'user_input_error', fields: ['auth.private_key'], message: expect.stringContaining('do not belong to its public key') });
  }
  // Nothing more reached the org: no API call, and no token request signed with the forged key.
  expect(fake.apiRequests).toHaveLength(1);
  expect(fake.apiRequests[0].authorization).toBe(`Bearer ${victimToken}`);
  expect(fake.tokenRequests).toHaveLength(1);

  // The victim's own calls still use the cached token.
  await invoke('get_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth: victimAuth });
  expect(fake.tokenRequests).toHaveLength(1);
  expect(fake.violations).toEqual([]);
});

test('a genuine but different key under the same client id and kid asks for its own token (and Okta refuses it)', async () => {
  fake = await new FakeOkta({ clientId: CLIENT_ID, publicKey: victim.publicKey, kid: victim.kid }).start();
  const other = rsaKey('attacker-rsa');
  await invoke('get_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth: { domain: fake.url, client_id: CLIENT_ID, private_key: victim.pkcs8Pem, key_id: victim.kid } });
  const error = await refusal(invoke('get_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth: { domain: fake.url, client_id: CLIENT_ID, private_key: other.pkcs8Pem, key_id: victim.kid } }));
  expect(error).toMatchObject({ type: 'auth_error', message: expect.stringContaining('invalid_client') });
  expect(fake.tokenRequests.map((r) => r.status)).toEqual([200, 401]);
  expect(fake.apiRequests).toHaveLength(1);
});

test('the key identity comes from the private key: formats of one key agree, a different key with the same kid differs', () => {
  const ids = [victim.pkcs8Pem, victim.traditionalPem, victim.jwk].map((k) => loadSigningKey(k).fingerprint);
  expect(new Set(ids).size).toBe(1);
  expect(loadSigningKey({ ...rsaKey('attacker-rsa').jwk, kid: victim.kid }).fingerprint).not.toBe(ids[0]);
});
