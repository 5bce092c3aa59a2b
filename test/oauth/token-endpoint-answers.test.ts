import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ConnectorError } from '../../src/core/errors';
import { DpopSession } from '../../src/auth/oauth/dpop';
import { parseOAuthAuth } from '../../src/auth/oauth/oauth-auth';
import { TokenCache } from '../../src/auth/oauth/token-cache';
import { AccessToken, requestAccessToken } from '../../src/auth/oauth/token-endpoint';
import { tokenEndpointError } from '../../src/auth/oauth/token-errors';
import { decodeJwt } from './support/jws';
import { ecKey } from './support/keys';
import { allowTestOrg } from '../support/test-org-destination';

const CLIENT_ID = '0oa4mutantc1ient5w3d';
const key = ecKey('P-256');

afterEach(() => {
  jest.restoreAllMocks();
});

describe('tokenEndpointError: what a refused token request tells the caller', () => {
  const refusal = (status: number, body: unknown, headers: Record<string, string> = {}, context: { scopes?: string[]; keyId?: string } = {}) =>
    tokenEndpointError({ status, headers, body }, { scopes: context.scopes ?? ['okta.users.read'], keyId: context.keyId, redact: [] });

  test('an empty body (parsed as null) gives the status alone', () => {
    const e = refusal(400, null);
    expect(e).toBeInstanceOf(ConnectorError);
    expect(e.toJSON()).toMatchObject({ type: 'auth_error', status: 400 });
    expect(e.message).toBe('Okta refused the access token request (HTTP 400)');
    expect(e.okta).toBeUndefined();
  });

  test("Okta's own error shape on a 429 is kept, with the Retry-After wait in whole seconds", () => {
    jest.spyOn(Math, 'random').mockReturnValue(0);
    const body = { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.', errorId: 'oae7Kq2', errorCauses: [] };
    const e = refusal(429, body, { 'retry-after': '7', 'x-okta-request-id': 'req-abc123' });
    expect(e.toJSON()).toMatchObject({
      type: 'rate_limited',
      status: 429,
      retryable: true,
      retryAfterSeconds: 7,
      requestId: 'req-abc123',
      okta: { errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.', errorId: 'oae7Kq2' },
    });
    expect(e.message).toBe("Okta's token endpoint is rate limited (E0000047: API call exceeded rate limit due to too many requests.). Try again in 7 s");
  });

  test('an Okta errorCode without a summary is quoted alone', () => {
    const e = refusal(503, { errorCode: 'E0000009' });
    expect(e.toJSON()).toMatchObject({ type: 'api_error', status: 503, retryable: true, okta: { errorCode: 'E0000009' } });
    expect(e.message).toBe("Okta's token endpoint failed (HTTP 503 E0000009)");
  });

  test('HTTP 500 itself is a retryable api_error, with the request id', () => {
    const e = refusal(500, { error: 'server_error', error_description: 'Internal error' }, { 'x-okta-request-id': 'req-500' });
    expect(e.toJSON()).toMatchObject({ type: 'api_error', status: 500, retryable: true, requestId: 'req-500' });
    expect(e.message).toBe("Okta's token endpoint failed (HTTP 500 server_error: Internal error)");
  });

  test('invalid_client advice names the kid when there is one, and ends cleanly when there is none', () => {
    const prefix = 'Okta refused the access token request (HTTP 401 invalid_client: bad). Check the client ID, that the app authenticates with "Public key / Private key", and that its public keys include this key';
    expect(refusal(401, { error: 'invalid_client', error_description: 'bad' }, {}, { keyId: 'kid-7' }).message).toBe(`${prefix} (kid kid-7).`);
    expect(refusal(401, { error: 'invalid_client', error_description: 'bad' }).message).toBe(`${prefix}.`);
  });

  test('invalid_scope advice lists every requested scope, space separated', () => {
    const e = refusal(400, { error: 'invalid_scope', error_description: 'no' }, {}, { scopes: ['okta.groups.read', 'okta.users.read'] });
    expect(e.message).toBe(
      'Okta refused the access token request (HTTP 400 invalid_scope: no). Requested scopes: okta.groups.read okta.users.read. Grant them on the app\'s "Okta API Scopes" tab, or set auth.scopes to scopes the app holds.',
    );
  });

  test.each(['invalid_dpop_proof', 'use_dpop_nonce'])('%s gets the DPoP advice', (code) => {
    const e = refusal(400, { error: code, error_description: 'Nope.' });
    expect(e.toJSON()).toMatchObject({ type: 'auth_error', status: 400, okta: { errorCode: code, errorSummary: 'Nope.' } });
    expect(e.message).toBe(`Okta refused the access token request (HTTP 400 ${code}: Nope.). Okta did not accept the DPoP proof.`);
  });

  test('a code without advice ends the message after Okta\'s words', () => {
    expect(refusal(403, { error: 'access_denied', error_description: 'Policy evaluation failed.' }).message).toBe(
      'Okta refused the access token request (HTTP 403 access_denied: Policy evaluation failed.)',
    );
  });
});

/** A scripted token endpoint on loopback: answers in order, records whether each request carried a DPoP proof. */
interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

let server: http.Server;
let revoke: () => void;
let answers: Answer[];
let proofs: Array<string | undefined>;
let url: string;

beforeEach(async () => {
  answers = [];
  proofs = [];
  server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      proofs.push(typeof req.headers.dpop === 'string' ? req.headers.dpop : undefined);
      const answer = answers.shift() ?? { status: 500, body: { error: 'script_ran_out' } };
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  revoke = allowTestOrg(server);
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterEach(async () => {
  revoke();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const config = () => parseOAuthAuth({ domain: url, client_id: CLIENT_ID, private_key: key.jwk }, ['okta.users.read']);
const mint = (dpop = new DpopSession()) => requestAccessToken(config(), dpop);
const refusedWith = async (dpop?: DpopSession): Promise<ConnectorError> => {
  const error = await mint(dpop).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  return error as ConnectorError;
};
const bearer = (extra: Record<string, unknown> = {}) => ({ status: 200, body: { token_type: 'Bearer', access_token: 'tok-0123456789abcdef', expires_in: 3600, ...extra } });

describe('requestAccessToken: which 200 answers are a token', () => {
  test.each([
    ['no access_token', { token_type: 'Bearer' }],
    ['a blank access_token', { token_type: 'Bearer', access_token: '   ' }],
    ['an unknown token_type', { token_type: 'mac', access_token: 'tok-0123456789abcdef' }],
    ['no token_type', { access_token: 'tok-0123456789abcdef' }],
  ])('%s is an api_error, not a token', async (_, body) => {
    answers.push({ status: 200, body });
    const e = await refusedWith();
    expect(e.toJSON()).toMatchObject({ type: 'api_error' });
    expect(e.message).toBe("Okta's token endpoint answered 200 without a usable access token");
  });

  test('token_type is case-insensitive; the token is trimmed as it will be sent', async () => {
    answers.push(bearer({ token_type: 'BEARER', access_token: '  tok-0123456789abcdef  ' }));
    await expect(mint()).resolves.toMatchObject({ value: 'tok-0123456789abcdef', scheme: 'Bearer' });
    answers.push(bearer({ token_type: 'dpop' }));
    await expect(mint()).resolves.toMatchObject({ scheme: 'DPoP' });
  });

  test.each([
    ['missing', undefined, 3540],
    ['zero', 0, 3540],
    ['negative', -5, 3540],
    ['not a number', '600', 3540],
    ['short (renewed half-way)', 100, 50],
    ['600 s (renewed a minute early)', 600, 540],
  ])('expires_in %s (%p): renewed after %p s', async (_, expiresIn, renewAfterSeconds) => {
    const now = Date.UTC(2030, 0, 1);
    jest.spyOn(Date, 'now').mockReturnValue(now);
    answers.push(bearer({ expires_in: expiresIn }));
    const token = await mint();
    expect(token.renewAt).toBe(now + renewAfterSeconds * 1000);
  });
});

describe('requestAccessToken: DPoP retries', () => {
  const nonceAnswer = (nonce?: string, status = 400): Answer => ({
    status,
    body: { error: 'use_dpop_nonce', error_description: 'Authorization server requires nonce in DPoP proof.' },
    headers: nonce ? { 'DPoP-Nonce': nonce } : {},
  });

  test('a nonce on a successful answer goes into the next token request\'s proof', async () => {
    const dpop = new DpopSession();
    dpop.enabled = true;
    answers.push({ ...bearer({ token_type: 'DPoP' }), headers: { 'DPoP-Nonce': 'nonce-rotated-2' } }, bearer({ token_type: 'DPoP' }));
    await mint(dpop);
    await mint(dpop);
    expect(proofs.map((p) => p && decodeJwt(p).claims.nonce)).toEqual([undefined, 'nonce-rotated-2']);
  });

  test('one use_dpop_nonce challenge is answered; a second one is the error', async () => {
    answers.push(nonceAnswer('n-1'), nonceAnswer('n-2'), bearer());
    const e = await refusedWith();
    expect(e.toJSON()).toMatchObject({ type: 'auth_error', status: 400, okta: { errorCode: 'use_dpop_nonce' } });
    expect(proofs.map((p) => p && decodeJwt(p).claims.nonce)).toEqual([undefined, 'n-1']);
  });

  test.each([
    ['use_dpop_nonce without a DPoP-Nonce header', nonceAnswer(undefined)],
    ['use_dpop_nonce on a 401', nonceAnswer('n-1', 401)],
    ['invalid_scope with a DPoP-Nonce header', { status: 400, body: { error: 'invalid_scope', error_description: 'no' }, headers: { 'DPoP-Nonce': 'n-1' } }],
    ['invalid_client with a DPoP-Nonce header', { status: 401, body: { error: 'invalid_client', error_description: 'no' }, headers: { 'DPoP-Nonce': 'n-1' } }],
  ])('%s is not retried', async (_, answer) => {
    answers.push(answer, bearer());
    const e = await refusedWith();
    expect(e.toJSON()).toMatchObject({ type: 'auth_error' });
    expect(proofs).toHaveLength(1);
  });

  test.each([
    ['on a 401', { status: 401, body: { error: 'invalid_dpop_proof', error_description: 'The DPoP proof JWT header is missing.' } }],
    ['for another 400', { status: 400, body: { error: 'invalid_scope', error_description: 'no' } }],
  ])('invalid_dpop_proof does not switch to DPoP %s', async (_, answer) => {
    const dpop = new DpopSession();
    answers.push(answer, bearer());
    await refusedWith(dpop);
    expect(proofs).toEqual([undefined]);
    expect(dpop.enabled).toBe(false);
  });
});

describe('TokenCache', () => {
  const token = (value: string, renewAt: number): AccessToken => ({ value, scheme: 'Bearer', renewAt });

  test('a token is handed out before renewAt and re-minted from renewAt on', async () => {
    const cache = new TokenCache();
    const t0 = Date.UTC(2030, 0, 1);
    const now = jest.spyOn(Date, 'now').mockReturnValue(t0);
    const minted: string[] = [];
    const mintOne = async () => {
      const value = `tok-${minted.length}-0123456789abcdef`;
      minted.push(value);
      return token(value, t0 + 1000);
    };
    await cache.get('k', mintOne);
    now.mockReturnValue(t0 + 999);
    await expect(cache.get('k', mintOne)).resolves.toMatchObject({ value: 'tok-0-0123456789abcdef' });
    now.mockReturnValue(t0 + 1000);
    await expect(cache.get('k', mintOne)).resolves.toMatchObject({ value: 'tok-1-0123456789abcdef' });
    expect(minted).toHaveLength(2);
  });

  test('the recent tokens of a key are the last five, newest first', async () => {
    const cache = new TokenCache();
    for (let i = 0; i < 7; i++) {
      await cache.get('k', async () => token(`tok-${i}-0123456789abcdef`, Date.now() + 3_600_000));
      cache.invalidate('k');
    }
    expect(cache.recentTokens('k')).toEqual([6, 5, 4, 3, 2].map((i) => `tok-${i}-0123456789abcdef`));
  });

  test('a scope set whose token is due, or that Okta invalidated, is forgotten at the next mint; a live one is kept', async () => {
    const cache = new TokenCache();
    const t0 = Date.UTC(2030, 0, 1);
    const now = jest.spyOn(Date, 'now').mockReturnValue(t0);
    await cache.get('due', async () => token('tok-due-0123456789abcdef', t0 + 1000));
    await cache.get('live', async () => token('tok-live-0123456789abcdef', t0 + 5000));
    await cache.get('failed', async () => token('tok-failed-0123456789abcdef', t0 + 5000));
    cache.invalidate('failed');
    now.mockReturnValue(t0 + 1000); // exactly at renewAt: due
    await cache.get('other', async () => token('tok-other-0123456789abcdef', t0 + 5000));
    expect(cache.recentTokens('due')).toEqual([]);
    expect(cache.recentTokens('failed')).toEqual([]);
    expect(cache.recentTokens('live')).toEqual(['tok-live-0123456789abcdef']);
  });
});
