import { invoke, LogEntry } from '../../src';
import { ConnectorError } from '../../src/core/errors';
import { mapOktaError } from '../../src/http/okta-errors';
import { FakeOkta } from './support/fake-okta';
import { ecKey, keySecrets, rsaKey } from './support/keys';
import { allowTestOrg } from '../support/test-org-destination';

const CLIENT_ID = '0oa7errc1ient5w3d7x';
const rsa = rsaKey();
const ec = ecKey('P-256');
let fake: FakeOkta;

/** Everything the connector showed the caller, and everything it must never have shown. */
const shown: string[] = [];
const secrets = new Set<string>([...keySecrets(rsa), ...keySecrets(ec)]);
const logs: LogEntry[] = [];

beforeEach(async () => {
  fake = await new FakeOkta({ clientId: CLIENT_ID, publicKey: rsa.publicKey, kid: rsa.kid }).start();
});

afterEach(async () => {
  for (const token of fake.issued.keys()) secrets.add(token);
  for (const r of fake.tokenRequests) {
    if (r.assertion) secrets.add(r.assertion.raw);
    if (r.proof) secrets.add(r.proof.raw);
  }
  for (const r of fake.apiRequests) if (r.proof) secrets.add(r.proof.raw);
  await fake.close();
});

async function failure(operation: string, input: unknown, auth: Record<string, unknown>, maxRetries?: number): Promise<ConnectorError> {
  try {
    await invoke(operation, input, { auth: { domain: fake.url, client_id: CLIENT_ID, ...auth }, maxRetries, logger: (e) => logs.push(e) });
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    const e = error as ConnectorError;
    shown.push(e.message, JSON.stringify(e.toJSON()), String(e.stack));
    return e;
  }
  throw new Error('expected the call to fail');
}

const rsaAuth = { private_key: rsa.pkcs8Pem, key_id: rsa.kid };
const getUser = (auth: Record<string, unknown> = rsaAuth, maxRetries?: number) => failure('get_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, auth, maxRetries);

describe('token endpoint refusals become auth_error with Okta\'s error and error_description', () => {
  test.each([
    [401, 'invalid_client', 'Invalid value for the `client_id` parameter', 'Check the client ID'],
    [400, 'unauthorized_client', 'The client is not authorized to use the provided grant type. Configured grant types: [authorization_code].', 'Client Credentials grant'],
    [400, 'invalid_dpop_proof', 'The DPoP proof JWT is too old.', 'DPoP proof'],
    [403, 'access_denied', 'Policy evaluation failed for this request, please check the policy configurations.', ''],
  ])('HTTP %i %s', async (status, error, description, advice) => {
    fake.tokenError = { status, error, description };
    const e = await getUser();
    expect(e.toJSON()).toMatchObject({ type: 'auth_error', status, retryable: false, okta: { errorCode: error, errorSummary: description } });
    expect(e.message).toContain(`${error}: ${description}`);
    expect(e.message).toContain(advice);
    expect(fake.apiRequests).toHaveLength(0);
  });

  test('invalid_scope names the scopes that were requested', async () => {
    fake.grantedScopes.delete('okta.users.read');
    const e = await getUser();
    expect(e.toJSON()).toMatchObject({ type: 'auth_error', status: 400, okta: { errorCode: 'invalid_scope', errorSummary: 'The following scopes are not allowed: okta.users.read' } });
    expect(e.message).toContain('Requested scopes: okta.users.read');
  });

  test('a key the app does not know gives invalid_client (and the fake saw a bad signature)', async () => {
    const e = await getUser({ private_key: ec.jwk, key_id: rsa.kid });
    expect(e.toJSON()).toMatchObject({ type: 'auth_error', status: 401, okta: { errorCode: 'invalid_client' } });
    expect(fake.violations).toEqual([expect.stringContaining('assertion signature')]);
    fake.violations.length = 0;
  });

  test('a refused token is not cached: the next call asks again', async () => {
    fake.tokenError = { status: 401, error: 'invalid_client', description: 'The client_assertion token has an expired or invalid kid.' };
    await getUser();
    fake.tokenError = undefined;
    await expect(invoke('get_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth: { domain: fake.url, client_id: CLIENT_ID, ...rsaAuth } })).resolves.toBeDefined();
    expect(fake.tokenRequests.map((r) => r.status)).toEqual([401, 200]);
  });

  test('a 5xx or 429 from the token endpoint is retryable, not an auth_error', async () => {
    fake.tokenError = { status: 503, error: 'temporarily_unavailable', description: 'Service unavailable' };
    expect((await getUser(rsaAuth, 0)).toJSON()).toMatchObject({ type: 'api_error', status: 503, retryable: true });
    fake.tokenError = { status: 429, error: 'rate_limit', description: 'Too many requests' };
    expect((await getUser(rsaAuth, 0)).toJSON()).toMatchObject({ type: 'rate_limited', status: 429, retryable: true });
  });

  test('an unreachable token endpoint is a retryable api_error', async () => {
    const url = fake.url;
    await fake.close();
    fake = await new FakeOkta({ clientId: CLIENT_ID, publicKey: rsa.publicKey }).start();
    const revoke = allowTestOrg(url); // the closed fake's port stays listed, as an operator's test org would be
    try {
      const e = await failure('get_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { ...rsaAuth, domain: url }, 0);
      expect(e.toJSON()).toMatchObject({ type: 'api_error', retryable: true });
    } finally {
      revoke();
    }
  });
});

describe('a token endpoint that echoes the request back', () => {
  test.each([
    [401, 'invalid_client', 'auth_error'],
    [400, 'invalid_dpop_proof', 'auth_error'],
    [429, 'rate_limit', 'rate_limited'],
    [503, 'temporarily_unavailable', 'api_error'],
  ])('HTTP %i %s: neither the assertion nor the DPoP proof reaches the %s', async (status, error, type) => {
    fake.echoRequestInErrors = true;
    fake.tokenError = { status, error, description: 'Refused.' };
    const e = await getUser({ ...rsaAuth, dpop: true }, 0);
    const sent = fake.tokenRequests.at(-1)!;
    const echoed = [sent.form.client_assertion, sent.proof?.raw];
    expect(echoed.every((v) => typeof v === 'string' && v.length > 100)).toBe(true);
    expect(e.toJSON()).toMatchObject({ type, status, okta: { errorCode: error, errorSummary: 'Refused. Received: [redacted] [redacted]' } });
    const told = [e.message, JSON.stringify(e.toJSON()), String(e.stack)].join('\n');
    for (const secret of echoed) expect(told).not.toContain(secret);
  });
});

describe('insufficient_scope', () => {
  test('a 403 whose WWW-Authenticate says insufficient_scope is a permission_error naming the scope the operation needs', async () => {
    const e = await getUser({ ...rsaAuth, scopes: ['okta.groups.read'] });
    expect(fake.tokenRequests.map((r) => r.form.scope)).toEqual(['okta.groups.read']);
    expect(e.toJSON()).toMatchObject({ type: 'permission_error', status: 403, okta: { errorCode: 'E0000006' } });
    expect(e.message).toContain('insufficient_scope');
    expect(e.message).toContain('needs okta.users.read');
  });

  test('mapOktaError: the challenge alone is enough, and its scope parameter is named too', () => {
    const e = mapOktaError({
      status: 403,
      body: null,
      wwwAuthenticate: 'Bearer realm="https://acme.okta.com", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", scope="okta.groups.manage"',
      requiredScopes: ['okta.users.manage'],
    });
    expect(e.toJSON()).toMatchObject({ type: 'permission_error', status: 403, okta: { errorCode: 'insufficient_scope', errorSummary: 'The access token provided does not contain the required scopes.' } });
    expect(e.message).toContain('needs okta.users.manage, okta.groups.manage');
  });

  test('a 403 without that challenge keeps its usual mapping', () => {
    const e = mapOktaError({ status: 403, body: { errorCode: 'E0000038', errorSummary: 'This operation is not allowed in the user\'s current status.' }, requiredScopes: ['okta.users.manage'] });
    expect(e.type).toBe('user_input_error');
    expect(e.message).not.toContain('okta.users.manage');
  });
});

describe('credential input errors', () => {
  test.each([
    ['no client_id', 'auth.client_id', { client_id: '', private_key: rsa.pkcs8Pem }],
    ['no key', 'auth.private_key', { private_key: '' }],
    ['a public key', 'auth.private_key', { private_key: rsa.publicKey.export({ type: 'spki', format: 'pem' }) }],
    ['a public JWK', 'auth.private_key', { private_key: { ...ec.jwk, d: undefined } }],
    ['a broken PEM', 'auth.private_key', { private_key: rsa.pkcs8Pem.replace(/[A-Za-z]{12}/, 'zz') }],
    ['broken JWK JSON', 'auth.private_key', { private_key: JSON.stringify(ec.jwk).slice(0, -3) }],
    ['bad scopes', 'auth.scopes', { ...rsaAuth, scopes: ['okta.users.read', 'bad "scope"'] }],
    ['dpop not boolean', 'auth.dpop', { ...rsaAuth, dpop: 'yes' }],
  ])('%s → user_input_error on %s, no request sent', async (_name, field, auth) => {
    const e = await getUser(auth as Record<string, unknown>);
    expect(e.toJSON()).toMatchObject({ type: 'user_input_error', fields: [field] });
    expect(fake.tokenRequests).toHaveLength(0);
  });
});

describe('secrets', () => {
  test('no private key, access token, assertion or proof appears in any error or log entry above', () => {
    expect(shown.length).toBeGreaterThan(40);
    expect(secrets.size).toBeGreaterThan(20);
    const haystack = [...shown, ...logs.map((l) => JSON.stringify(l))];
    const leaks = [...secrets].flatMap((secret) => haystack.filter((text) => text.includes(secret)).map((text) => `${secret.slice(0, 8)}… in ${text.slice(0, 60)}`));
    expect(leaks).toEqual([]);
  });
});
