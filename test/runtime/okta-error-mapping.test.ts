import { OktaErrorDetails } from '../../src/core/errors';
import { faultError, FUNCTIONAL_LIMIT_SECONDS, functionalLimitSeconds, mapOktaError, redirectError } from '../../src/http/okta-errors';
import { TransportFault } from '../../src/http/transport';

const okta = (errorCode: string, extra: Partial<OktaErrorDetails> = {}) => ({ errorCode, errorSummary: 'x', ...extra });

describe('the error type follows the status (and the 403 code)', () => {
  test.each(['E0000016', 'E0000032', 'E0000038', 'E0000068', 'E0000069', 'E0000082', 'E0000083'])(
    'a 403 %s is about the object state: user_input_error',
    (code) => {
      expect(mapOktaError({ status: 403, body: okta(code) }).type).toBe('user_input_error');
    },
  );

  test.each(['E0000006', 'E0000015', 'E0000017'])('any other 403 (%s) is a permission_error', (code) => {
    expect(mapOktaError({ status: 403, body: okta(code) }).type).toBe('permission_error');
  });

  test.each([
    [408, 'timeout'],
    [504, 'timeout'],
    [500, 'api_error'],
    [502, 'api_error'],
    [599, 'api_error'],
    [400, 'user_input_error'],
    [404, 'user_input_error'],
    [409, 'user_input_error'],
    [422, 'user_input_error'],
    [405, 'api_error'],
    [410, 'api_error'],
    [418, 'api_error'],
  ])('HTTP %i → %s', (status, type) => {
    expect(mapOktaError({ status, body: okta('E0000001') }).type).toBe(type);
  });

  test('an empty (null) body still maps by status', () => {
    expect(mapOktaError({ status: 500, body: null })).toMatchObject({ type: 'api_error', message: 'Okta answered HTTP 500', okta: undefined });
    expect(mapOktaError({ status: 404, body: null })).toMatchObject({ type: 'user_input_error', message: 'Okta answered HTTP 404' });
  });
});

describe('the message', () => {
  test('without a summary it is the code alone', () => {
    expect(mapOktaError({ status: 400, body: { errorCode: 'E0000001' } }).message).toBe('Okta HTTP 400 E0000001');
  });

  test('several causes are joined with "; "', () => {
    const body = okta('E0000001', { errorSummary: 'Api validation failed', errorCauses: [{ errorSummary: 'login: taken' }, { errorSummary: 'email: invalid' }] });
    expect(mapOktaError({ status: 400, body }).message).toBe('Okta HTTP 400 E0000001: Api validation failed (login: taken; email: invalid)');
  });

  test('causes without a summary are dropped, and only empty ones leave no parentheses', () => {
    const mixed = okta('E0000001', { errorSummary: 'bad', errorCauses: [{}, { errorSummary: '' }, { errorSummary: 'login: taken' }] });
    expect(mapOktaError({ status: 400, body: mixed }).message).toBe('Okta HTTP 400 E0000001: bad (login: taken)');
    const empty = okta('E0000001', { errorSummary: 'bad', errorCauses: [{}, { errorSummary: '' }] });
    expect(mapOktaError({ status: 400, body: empty }).message).toBe('Okta HTTP 400 E0000001: bad');
  });

  test('"Try again in N s" only for a rate limit that says when', () => {
    expect(mapOktaError({ status: 429, body: okta('E0000047', { errorSummary: 'limit' }) }).message).toBe('Okta HTTP 429 E0000047: limit');
    expect(mapOktaError({ status: 429, body: okta('E0000047', { errorSummary: 'limit' }), retryAfterSeconds: 7 }).message).toBe('Okta HTTP 429 E0000047: limit. Try again in 7 s');
    const unavailable = mapOktaError({ status: 503, body: okta('E0000009', { errorSummary: 'down' }), retryAfterSeconds: 7 });
    expect(unavailable).toMatchObject({ type: 'api_error', retryAfterSeconds: 7, message: 'Okta HTTP 503 E0000009: down' });
  });
});

describe('insufficient_scope advice', () => {
  const challenge = (scope?: string) =>
    `Bearer error="insufficient_scope", error_description="The access token provided does not contain the required scopes."${scope === undefined ? '' : `, scope="${scope}"`}`;
  const head = 'Okta HTTP 403 insufficient_scope: The access token provided does not contain the required scopes. The OAuth access token lacks a scope this operation';

  test('one scope: "it"', () => {
    const error = mapOktaError({ status: 403, body: null, wwwAuthenticate: challenge(), requiredScopes: ['okta.users.read'] });
    expect(error.type).toBe('permission_error');
    expect(error.message).toBe(`${head} needs okta.users.read (insufficient_scope). Grant it on the service app's "Okta API Scopes" tab, and include it in auth.scopes if you set those`);
  });

  test('two scopes, the challenge ones split on whitespace and deduplicated: "them"', () => {
    const error = mapOktaError({ status: 403, body: null, wwwAuthenticate: challenge(' okta.users.read   okta.groups.read '), requiredScopes: ['okta.users.read'] });
    expect(error.message).toBe(`${head} needs okta.users.read, okta.groups.read (insufficient_scope). Grant them on the service app's "Okta API Scopes" tab, and include them in auth.scopes if you set those`);
  });

  test('scopes named only by the challenge', () => {
    const error = mapOktaError({ status: 403, body: null, wwwAuthenticate: challenge('okta.groups.manage') });
    expect(error.message).toBe(`${head} needs okta.groups.manage (insufficient_scope). Grant it on the service app's "Okta API Scopes" tab, and include it in auth.scopes if you set those`);
  });

  test('no scope known anywhere', () => {
    const error = mapOktaError({ status: 403, body: null, wwwAuthenticate: challenge() });
    expect(error.message).toBe(`${head} needs a scope the token does not hold (insufficient_scope). Grant it on the service app's "Okta API Scopes" tab, and include it in auth.scopes if you set those`);
  });
});

describe('redirectError names only the host', () => {
  const tail = "which the connector does not follow: check that auth.domain is the Okta org's domain";

  test('the Location host, never its path or query; the request id from x-okta-request-id', () => {
    const error = redirectError({ status: 302, headers: { location: 'https://login.example.com/sso?token=abc', 'x-okta-request-id': 'req-7' }, body: null });
    expect(error).toMatchObject({ type: 'api_error', status: 302, requestId: 'req-7', message: `Okta answered HTTP 302 (a redirect to login.example.com), ${tail}` });
    expect(error.message).not.toContain('token');
  });

  test('no Location, or one that does not parse: no host named', () => {
    expect(redirectError({ status: 301, headers: {}, body: null }).message).toBe(`Okta answered HTTP 301 (a redirect), ${tail}`);
    expect(redirectError({ status: 307, headers: { location: 'https://exa mple.com/x' }, body: null }).message).toBe(`Okta answered HTTP 307 (a redirect), ${tail}`);
  });
});

describe('faultError for a network failure', () => {
  const network = (code: string | undefined) => new TransportFault('network', code, true, { method: 'GET', timeoutMs: 1000, maxResponseBytes: 100 });

  test('names the system code when there is one', () => {
    expect(faultError(network('ECONNRESET'))).toMatchObject({ type: 'api_error', retryable: true, message: 'Network error talking to Okta (ECONNRESET)' });
    expect(faultError(network(undefined))).toMatchObject({ type: 'api_error', retryable: true, message: 'Network error talking to Okta' });
  });

  test('a cancelled call, a timeout and an oversized answer each say which it was', () => {
    const fault = (reason: 'cancelled' | 'timeout' | 'too-large') => new TransportFault(reason, undefined, true, { method: 'GET', timeoutMs: 1000, maxResponseBytes: 100 });
    expect(faultError(fault('cancelled'))).toMatchObject({ type: 'timeout', message: 'The call was cancelled by the caller' });
    expect(faultError(fault('timeout'))).toMatchObject({ type: 'timeout', retryable: true, message: 'Okta did not answer within 1000 ms' });
    expect(faultError(fault('too-large'))).toMatchObject({ type: 'api_error', message: "Okta's response exceeded the 100-byte limit" });
  });
});

describe('functional limits', () => {
  test.each([
    ['E0000109', 30],
    ['E0000133', 30],
    ['E0000118', 5],
  ])('%s: try again in %i s', (code, seconds) => {
    expect(FUNCTIONAL_LIMIT_SECONDS[code]).toBe(seconds);
    expect(functionalLimitSeconds({ errorCode: code })).toBe(seconds);
  });

  test("a rate-limit bucket is not a functional limit; the endpoint's own codes come first", () => {
    expect(functionalLimitSeconds({ errorCode: 'E0000047' })).toBeUndefined();
    expect(functionalLimitSeconds(null)).toBeUndefined();
    expect(functionalLimitSeconds({ errorCode: 'E0000047' }, { E0000047: 60 })).toBe(60);
    expect(functionalLimitSeconds({ errorCode: 'E0000109' }, { E0000109: 10 })).toBe(10);
  });
});

describe('sentences of the message', () => {
  const sms = { errorCode: 'E0000109', errorSummary: 'An SMS message was recently sent. Please wait 30 seconds before trying again.' };

  test("one full stop between Okta's summary and the connector's next sentence, and Okta's inner stops kept", () => {
    expect(mapOktaError({ status: 429, body: sms, retryAfterSeconds: 30 }).message).toBe(
      'Okta HTTP 429 E0000109: An SMS message was recently sent. Please wait 30 seconds before trying again. Try again in 30 s',
    );
  });

  test('a refused POST (4xx) never says Okta may have acted; a failed one (5xx) does', () => {
    const refused = mapOktaError({ status: 400, body: okta('E0000001', { errorSummary: 'Api validation failed: login.' }), idempotent: false });
    expect(refused.message).toBe('Okta HTTP 400 E0000001: Api validation failed: login.');
    const failed = mapOktaError({ status: 500, body: okta('E0000009', { errorSummary: 'Internal Server Error.' }), idempotent: false });
    expect(failed.message).toBe('Okta HTTP 500 E0000009: Internal Server Error. Okta may have acted on this request before failing: check the result before repeating it');
  });
});
