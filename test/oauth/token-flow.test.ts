import { invoke } from '../../src';
import { ConnectorError } from '../../src/core/errors';
import { FakeOkta } from './support/fake-okta';
import { ecKey, rsaKey, TestKey } from './support/keys';

const CLIENT_ID = '0oa8f5j3ecb5w3dF11d7';
let fake: FakeOkta;

async function startOrg(key: TestKey, kid: string | undefined = key.kid): Promise<FakeOkta> {
  fake = await new FakeOkta({ clientId: CLIENT_ID, publicKey: key.publicKey, kid }).start();
  return fake;
}

const getUser = (auth: Record<string, unknown>) => invoke('get_user', { user_id: 'isaac.brock@example.com' }, { auth: { domain: fake.url, client_id: CLIENT_ID, ...auth } });

afterEach(async () => {
  jest.restoreAllMocks();
  await fake.close();
  expect(fake.violations).toEqual([]);
});

describe('client credentials with private_key_jwt', () => {
  test('RSA PKCS#8 PEM: RS256 assertion with kid, iss = sub = client_id, aud = token URL; Bearer on the API call', async () => {
    const key = rsaKey();
    await startOrg(key);
    const output = await getUser({ private_key: key.pkcs8Pem, key_id: key.kid });
    expect(output).toMatchObject({ id: '00ub0oNGTSWTBKOLGLNR', profile: { login: 'isaac.brock@example.com' } });

    expect(fake.tokenRequests).toHaveLength(1);
    const [request] = fake.tokenRequests;
    expect(request.status).toBe(200);
    expect(request.form).toEqual({
      grant_type: 'client_credentials',
      scope: 'okta.users.read',
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: request.assertion!.raw,
    });
    expect(request.assertion!.header).toEqual({ alg: 'RS256', typ: 'JWT', kid: key.kid });
    const claims = request.assertion!.claims;
    expect(claims).toMatchObject({ iss: CLIENT_ID, sub: CLIENT_ID, aud: `${fake.url}/oauth2/v1/token` });
    expect(claims.exp - claims.iat).toBeLessThanOrEqual(300);
    expect(request.proof).toBeUndefined();

    const [token] = fake.issued.keys();
    expect(fake.apiRequests).toEqual([expect.objectContaining({ method: 'GET', url: '/api/v1/users/isaac.brock%40example.com', authorization: `Bearer ${token}`, status: 200 })]);
  });

  test('RSA PKCS#1 PEM pasted with literal "\\n" escapes (env vars, single-line fields)', async () => {
    const key = rsaKey();
    await startOrg(key);
    await getUser({ private_key: key.traditionalPem.trim().replace(/\n/g, '\\n'), key_id: key.kid });
    expect(fake.tokenRequests.map((r) => r.status)).toEqual([200]);
  });

  test.each([
    ['P-256', 'ES256'],
    ['P-384', 'ES384'],
    ['P-521', 'ES512'],
  ] as const)('EC %s JWK object signs %s; the kid comes from the JWK when key_id is not given', async (curve, alg) => {
    const key = ecKey(curve);
    await startOrg(key);
    await getUser({ private_key: key.jwk });
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.tokenRequests[0].assertion!.header).toEqual({ alg, typ: 'JWT', kid: key.kid });
  });

  test('EC JWK as a JSON string and an EC SEC1 PEM both work; key_id overrides the JWK kid', async () => {
    const key = ecKey('P-256');
    await startOrg(key, 'rotated-kid-2');
    await getUser({ private_key: JSON.stringify(key.jwk), key_id: 'rotated-kid-2' });
    await invoke('list_groups_ddl', {}, { auth: { domain: fake.url, client_id: CLIENT_ID, private_key: key.traditionalPem, key_id: 'rotated-kid-2' } });
    expect(fake.tokenRequests.map((r) => [r.status, r.assertion!.header.kid, r.assertion!.header.alg])).toEqual([
      [200, 'rotated-kid-2', 'ES256'],
      [200, 'rotated-kid-2', 'ES256'],
    ]);
  });

  test('every assertion has its own jti (Okta rejects a replayed one)', async () => {
    const key = ecKey('P-256');
    await startOrg(key);
    fake.tokenLifetimeSeconds = 1; // renewed half-way: every call below mints
    for (let i = 0; i < 3; i++) {
      jest.spyOn(Date, 'now').mockReturnValue(Date.UTC(2030, 0, 1) + i * 10_000);
      await getUser({ private_key: key.jwk });
    }
    const jtis = fake.tokenRequests.map((r) => r.assertion!.claims.jti);
    expect(jtis).toHaveLength(3);
    expect(new Set(jtis).size).toBe(3);
  });
});

describe('token cache', () => {
  test('20 calls started together share one token request', async () => {
    const key = ecKey('P-256');
    await startOrg(key);
    fake.tokenDelayMs = 150;
    const outputs = await Promise.all(Array.from({ length: 20 }, () => getUser({ private_key: key.jwk })));
    expect(outputs).toHaveLength(20);
    expect(fake.tokenRequests).toHaveLength(1);
    const [token] = fake.issued.keys();
    expect(new Set(fake.apiRequests.map((r) => r.authorization))).toEqual(new Set([`Bearer ${token}`]));
    await getUser({ private_key: key.jwk });
    expect(fake.tokenRequests).toHaveLength(1);
  });

  test("one token per scope set: each operation asks for its own scopes unless auth.scopes is set", async () => {
    const key = rsaKey();
    await startOrg(key);
    const auth = { domain: fake.url, client_id: CLIENT_ID, private_key: key.pkcs8Pem, key_id: key.kid };
    await invoke('get_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth });
    await invoke('list_groups_ddl', {}, { auth });
    await invoke('list_users_ddl', {}, { auth });
    expect(fake.tokenRequests.map((r) => r.form.scope)).toEqual(['okta.users.read', 'okta.groups.read']);

    const shared = { ...auth, scopes: 'okta.users.read, okta.groups.read' };
    await invoke('get_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth: shared });
    await invoke('list_groups_ddl', {}, { auth: shared });
    expect(fake.tokenRequests.map((r) => r.form.scope)).toEqual(['okta.users.read', 'okta.groups.read', 'okta.groups.read okta.users.read']);
  });

  test('an operation that declares no scope (security questions) asks for okta.users.read', async () => {
    const key = ecKey('P-256');
    await startOrg(key);
    const output = await invoke('list_security_questions', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth: { domain: fake.url, client_id: CLIENT_ID, private_key: key.jwk } });
    expect(output).toEqual({ questions: [{ question: 'disliked_food', questionText: 'What is the food you least liked as a child?' }] });
    expect(fake.tokenRequests.map((r) => r.form.scope)).toEqual(['okta.users.read']);
  });

  test('a token is renewed 60 s before expires_in runs out, not earlier', async () => {
    const key = ecKey('P-256');
    await startOrg(key);
    const t0 = Date.now();
    await getUser({ private_key: key.jwk });
    jest.spyOn(Date, 'now').mockReturnValue(t0 + (3600 - 61) * 1000);
    await getUser({ private_key: key.jwk });
    expect(fake.tokenRequests).toHaveLength(1);
    jest.spyOn(Date, 'now').mockReturnValue(t0 + (3600 - 59) * 1000);
    await getUser({ private_key: key.jwk });
    expect(fake.tokenRequests).toHaveLength(2);
    const tokens = [...fake.issued.keys()];
    expect(fake.apiRequests.map((r) => r.authorization)).toEqual([`Bearer ${tokens[0]}`, `Bearer ${tokens[0]}`, `Bearer ${tokens[1]}`]);
  });

  test('a 401 invalid_token renews the token once and re-sends the request', async () => {
    const key = rsaKey();
    await startOrg(key);
    await getUser({ private_key: key.pkcs8Pem, key_id: key.kid });
    fake.revokeAllTokens();
    await expect(getUser({ private_key: key.pkcs8Pem, key_id: key.kid })).resolves.toMatchObject({ id: '00ub0oNGTSWTBKOLGLNR' });
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests.map((r) => r.status)).toEqual([200, 401, 200]);
    const tokens = [...fake.issued.keys()];
    expect(fake.apiRequests[2].authorization).toBe(`Bearer ${tokens[1]}`);
  });

  test('a token that is refused again after renewal gives auth_error; no second renewal', async () => {
    const key = rsaKey();
    await startOrg(key);
    fake.tokenLifetimeSeconds = 0; // Okta says it is already expired when it arrives
    const error = await getUser({ private_key: key.pkcs8Pem, key_id: key.kid }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).toJSON()).toMatchObject({ type: 'auth_error', status: 401, okta: { errorCode: 'E0000011' } });
    expect(fake.tokenRequests).toHaveLength(2);
    expect(fake.apiRequests.map((r) => r.status)).toEqual([401, 401]);
  });
});

describe('deadlines while a token is being fetched', () => {
  test("a slow token endpoint ends the call at the call's deadline, and the token request goes on for later calls", async () => {
    const key = ecKey('P-256');
    await startOrg(key);
    fake.tokenDelayMs = 1_500;
    const auth = { domain: fake.url, client_id: CLIENT_ID, private_key: key.jwk, key_id: key.kid };
    const started = Date.now();
    const error = await invoke('get_user', { user_id: 'isaac.brock@example.com' }, { auth, timeoutMs: 300 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toMatchObject({ type: 'timeout', message: 'The call ran past its deadline' });
    // The shared token request finished after all: the next call uses its token without asking again.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await expect(invoke('get_user', { user_id: 'isaac.brock@example.com' }, { auth })).resolves.toMatchObject({ id: '00ub0oNGTSWTBKOLGLNR' });
    expect(fake.tokenRequests).toHaveLength(1);
  });
});
