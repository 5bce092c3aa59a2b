import { ConnectorError } from '../../src/core/errors';
import { OktaRequest } from '../../src/http/okta-request';
import { Attempt, decide, Decision } from '../../src/http/retry-decision';
import { RequestKind } from '../../src/http/request-kinds';
import { TransportFault } from '../../src/http/transport';

const GET: OktaRequest = { method: 'GET', path: '/api/v1/users/00u1' };
const POST: OktaRequest = { method: 'POST', path: '/api/v1/users', body: {} };
const at = (request: OktaRequest, extra: Partial<Attempt> = {}): Attempt => ({
  request, kind: 'operation', attempt: 0, maxRetries: 2, remainingMs: 60_000, canRenew: false, ...extra,
});
const answer = (status: number, body: unknown = null, headers: Record<string, string> = {}) => ({ response: { status, headers, body } });
const fault = (reason: TransportFault['reason'], code: string | undefined, neverSent: boolean, method = 'GET') => ({
  error: new TransportFault(reason, code, neverSent, { method, timeoutMs: 1000, maxResponseBytes: 100 }),
});
const failure = (decision: Decision): ConnectorError => {
  if (decision.action !== 'fail') throw new Error(`expected fail, got ${decision.action}`);
  return decision.error as ConnectorError;
};

describe('redirects are a property of the request kind', () => {
  test.each<[RequestKind, string]>([['operation', 'fail'], ['raw', 'return'], ['direct', 'return']])('%s: a 302 → %s', (kind, action) => {
    const decision = decide(at(GET, { kind }), answer(302, null, { location: 'https://login.example.com/x?token=abc' }));
    expect(decision.action).toBe(action);
    if (decision.action === 'fail') expect(failure(decision)).toMatchObject({ type: 'api_error', status: 302, message: expect.stringContaining('login.example.com') });
  });

  test('raw hands back an error status once retries are spent; the others fail', () => {
    expect(decide(at(GET, { kind: 'raw', attempt: 2 }), answer(503)).action).toBe('return');
    expect(failure(decide(at(GET, { kind: 'direct', attempt: 2 }), answer(503)))).toMatchObject({ type: 'api_error', retryable: true });
  });
});

describe('one decision: retry, wait how long, or fail with which error', () => {
  test('a 5xx on a GET is retried with backoff; on a POST it fails and the caller may not retry', () => {
    const retry = decide(at(GET), answer(500));
    expect(retry).toMatchObject({ action: 'retry', reason: 'HTTP 500' });
    expect(failure(decide(at(POST), answer(500)))).toMatchObject({ retryable: false, message: expect.stringContaining('may have acted') });
  });

  test('a 429 waits for the reset; a functional limit fails at once with its documented wait', () => {
    const date = new Date();
    const reset = String(Math.floor(date.getTime() / 1000) + 3);
    const retry = decide(at(GET), answer(429, { errorCode: 'E0000047' }, { date: date.toUTCString(), 'x-rate-limit-reset': reset }));
    expect(retry.action).toBe('retry');
    expect(retry.action === 'retry' && retry.waitMs).toBeGreaterThan(1_000);
    expect(failure(decide(at(POST), answer(429, { errorCode: 'E0000109' })))).toMatchObject({ type: 'rate_limited', retryable: true, retryAfterSeconds: 30 });
  });

  test('a wait past the deadline fails now, saying when to try again', () => {
    const date = new Date();
    const reset = String(Math.floor(date.getTime() / 1000) + 60);
    const error = failure(decide(at(GET, { remainingMs: 1_000 }), answer(429, null, { date: date.toUTCString(), 'x-rate-limit-reset': reset })));
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(59);
  });

  test('a 401 asks for renewal once, then fails as auth_error', () => {
    expect(decide(at(GET, { canRenew: true }), answer(401)).action).toBe('renew');
    expect(failure(decide(at(GET), answer(401)))).toMatchObject({ type: 'auth_error', retryable: false });
  });

  test('a network fault is re-sent for a GET; a POST that never connected fails but may be repeated by the caller', () => {
    expect(decide(at(GET), fault('network', 'ECONNRESET', false))).toMatchObject({ action: 'retry', reason: 'network error' });
    expect(failure(decide(at(POST), fault('network', 'ECONNREFUSED', true, 'POST')))).toMatchObject({ type: 'api_error', retryable: true });
    expect(failure(decide(at(POST), fault('network', 'ECONNRESET', false, 'POST')))).toMatchObject({ retryable: false, message: expect.stringContaining('may have acted') });
  });

  test('timeouts, cancellations and oversized answers are never re-sent', () => {
    expect(failure(decide(at(GET), fault('timeout', undefined, false)))).toMatchObject({ type: 'timeout', retryable: true });
    expect(failure(decide(at(GET), fault('cancelled', undefined, false)))).toMatchObject({ type: 'timeout', retryable: false });
    expect(failure(decide(at(GET), fault('too-large', undefined, false)))).toMatchObject({ type: 'api_error', message: expect.stringContaining('100-byte') });
  });

  test('no retries left: the error as the caller sees it', () => {
    expect(failure(decide(at(GET, { attempt: 2 }), answer(503)))).toMatchObject({ status: 503, retryable: true });
    expect(decide(at(GET, { attempt: 2 }), fault('network', 'ECONNRESET', false)).action).toBe('fail');
  });
});

describe('the boundaries of each branch', () => {
  const withRandomZero = <T>(run: () => T): T => {
    const spy = jest.spyOn(Math, 'random').mockReturnValue(0);
    try {
      return run();
    } finally {
      spy.mockRestore();
    }
  };
  const resetIn = (seconds: number) => {
    const date = new Date(Math.floor(Date.now() / 1000) * 1000);
    return { date: date.toUTCString(), 'x-rate-limit-reset': String(date.getTime() / 1000 + seconds) };
  };

  test('a wait exactly as long as the time left is still taken; with no time left, the failure is reported', () => {
    expect(withRandomZero(() => decide(at(GET, { remainingMs: 500 }), fault('network', 'ECONNRESET', false)))).toEqual({ action: 'retry', waitMs: 500, reason: 'network error' });
    expect(withRandomZero(() => decide(at(GET, { remainingMs: 499 }), fault('network', 'ECONNRESET', false))).action).toBe('fail');
    expect(withRandomZero(() => decide(at(GET, { remainingMs: 3_000 }), answer(429, null, resetIn(3))))).toEqual({ action: 'retry', waitMs: 3_000, reason: 'HTTP 429' });
    expect(withRandomZero(() => decide(at(GET, { remainingMs: 2_999 }), answer(429, null, resetIn(3)))).action).toBe('fail');
  });

  test('2xx is returned, 300 is a redirect, 400 is an Okta error', () => {
    expect(decide(at(GET), answer(200, { id: '00u1' }))).toMatchObject({ action: 'return', response: { status: 200 } });
    expect(decide(at(GET), answer(299)).action).toBe('return');
    expect(failure(decide(at(GET), answer(300, null, { location: 'https://elsewhere.example.com/' })))).toMatchObject({ status: 300, message: expect.stringContaining('elsewhere.example.com') });
    expect(failure(decide(at(GET), answer(400, { errorCode: 'E0000001', errorSummary: 'Api validation failed: login' })))).toMatchObject({ type: 'user_input_error', status: 400 });
  });

  test('only a 401 asks for renewal', () => {
    expect(decide(at(GET, { canRenew: true }), answer(403, { errorCode: 'E0000006' })).action).toBe('fail');
  });

  test('a functional-limit code on a 5xx does not stop its retry', () => {
    expect(decide(at(GET), answer(503, { errorCode: 'E0000109' })).action).toBe('retry');
  });

  test('retryAfterSeconds: only on a 429; the over-long wait in seconds; or the reset once retries are spent', () => {
    expect(failure(decide(at(GET, { attempt: 2 }), answer(503))).retryAfterSeconds).toBeUndefined();
    const pastDeadline = failure(withRandomZero(() => decide(at(GET, { remainingMs: 1_000 }), answer(429, null, resetIn(60)))));
    expect(pastDeadline.retryAfterSeconds).toBe(60);
    const spent = failure(withRandomZero(() => decide(at(GET, { attempt: 2 }), answer(429, null, resetIn(5)))));
    expect(spent.retryAfterSeconds).toBe(5);
  });

  test('the error carries Okta\'s request id and reads the WWW-Authenticate challenge', () => {
    const error = failure(decide(at(GET, { scopes: ['okta.users.read'] }), answer(403, null, {
      'x-okta-request-id': 'reqDecision1',
      'www-authenticate': 'Bearer error="insufficient_scope", error_description="The access token provided does not contain the required scopes."',
    })));
    expect(error).toMatchObject({ type: 'permission_error', requestId: 'reqDecision1', message: expect.stringContaining('needs okta.users.read') });
  });
});
