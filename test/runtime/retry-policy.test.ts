import { backoffMs, errorRule, faultRule, isIdempotent, rateLimitWaitMs, statusRule } from '../../src/http/retry-policy';

/** Jitter is `Math.random() * (250 + 10 % of the base)`: pinned to its two ends. */
function withRandom<T>(value: number, run: () => T): T {
  const spy = jest.spyOn(Math, 'random').mockReturnValue(value);
  try {
    return run();
  } finally {
    spy.mockRestore();
  }
}
const lowest = <T>(run: () => T) => withRandom(0, run);
const highest = <T>(run: () => T) => withRandom(1, run);

describe('isIdempotent', () => {
  test.each([['GET', true], ['get', true], ['HEAD', true], ['OPTIONS', true], ['PUT', true], ['delete', true], ['POST', false], ['PATCH', false], ['post', false]])('%s → %s', (method, idempotent) => {
    expect(isIdempotent(method)).toBe(idempotent);
  });
});

describe('statusRule: the table', () => {
  test.each([
    [429, undefined, true, false, { resend: 'rate-limit-reset', callerMayRetry: true }],
    [429, undefined, false, false, { resend: 'rate-limit-reset', callerMayRetry: true }],
    [429, 'E0000109', true, true, { resend: 'no', callerMayRetry: true }],
    [500, undefined, true, false, { resend: 'backoff', callerMayRetry: true }],
    [503, undefined, true, false, { resend: 'backoff', callerMayRetry: true }],
    [500, undefined, false, false, { resend: 'no', callerMayRetry: false }],
    [499, undefined, true, false, { resend: 'no', callerMayRetry: false }],
    [409, 'E0000112', true, false, { resend: 'no', callerMayRetry: true }],
    [400, 'E0000001', true, false, { resend: 'no', callerMayRetry: false }],
    [404, undefined, true, false, { resend: 'no', callerMayRetry: false }],
  ] as const)('%i %s idempotent=%s functional=%s', (status, code, idempotent, functional, rule) => {
    expect(statusRule(status, code, idempotent, functional)).toEqual(rule);
  });
  test('a 429 is a bucket limit unless said otherwise', () => {
    expect(statusRule(429, undefined, true)).toEqual({ resend: 'rate-limit-reset', callerMayRetry: true });
  });
});

describe('faultRule: the table', () => {
  test.each([
    ['network', false, true, { resend: 'backoff', callerMayRetry: true }],
    ['network', true, false, { resend: 'no', callerMayRetry: true }],
    ['network', false, false, { resend: 'no', callerMayRetry: false }],
    ['timeout', false, true, { resend: 'no', callerMayRetry: true }],
    ['timeout', true, false, { resend: 'no', callerMayRetry: true }],
    ['timeout', false, false, { resend: 'no', callerMayRetry: false }],
    ['cancelled', true, true, { resend: 'no', callerMayRetry: false }],
    ['too-large', true, true, { resend: 'no', callerMayRetry: false }],
  ] as const)('%s neverSent=%s idempotent=%s', (reason, neverSent, idempotent, rule) => {
    expect(faultRule(reason, neverSent, idempotent)).toEqual(rule);
  });
});

describe('errorRule: the table', () => {
  test.each([
    ['api_error', true, true, { resend: 'backoff', callerMayRetry: true }],
    ['api_error', true, false, { resend: 'no', callerMayRetry: true }],
    ['api_error', false, true, { resend: 'no', callerMayRetry: false }],
    ['auth_error', true, true, { resend: 'no', callerMayRetry: true }],
    ['auth_error', false, true, { resend: 'no', callerMayRetry: false }],
  ] as const)('%s retryable=%s idempotent=%s', (type, retryable, idempotent, rule) => {
    expect(errorRule(type, retryable, idempotent)).toEqual(rule);
  });
});

describe('backoffMs: exponential from 500 ms, capped at 30 s, jitter at most 250 ms + 10 %', () => {
  test.each([
    [0, 500],
    [1, 1_000],
    [2, 2_000],
    [5, 16_000],
    [6, 30_000],
    [20, 30_000],
  ])('attempt %i: from %i ms', (attempt, base) => {
    expect(lowest(() => backoffMs(attempt))).toBe(base);
    expect(highest(() => backoffMs(attempt))).toBeCloseTo(base + 250 + base * 0.1, 6);
  });
});

describe('rateLimitWaitMs', () => {
  const date = 'Tue, 01 Dec 2026 10:00:00 GMT';
  const serverNow = Date.parse(date);
  const resetIn = (seconds: number) => String(serverNow / 1000 + seconds);

  test('until X-Rate-Limit-Reset, measured against Date (not this clock), plus jitter', () => {
    expect(lowest(() => rateLimitWaitMs({ date, 'x-rate-limit-reset': resetIn(7) }, 0))).toBe(7_000);
    expect(highest(() => rateLimitWaitMs({ date, 'x-rate-limit-reset': resetIn(7) }, 0))).toBeCloseTo(7_000 + 250 + 700, 6);
    expect(lowest(() => rateLimitWaitMs({ date, 'x-rate-limit-reset': ` ${resetIn(2)} ` }, 3))).toBe(2_000);
  });

  test('a reset already past waits only the jitter', () => {
    expect(lowest(() => rateLimitWaitMs({ date, 'x-rate-limit-reset': resetIn(-30) }, 0))).toBe(0);
    expect(highest(() => rateLimitWaitMs({ date, 'x-rate-limit-reset': resetIn(-30) }, 0))).toBe(250);
  });

  test('without a readable Date, against this clock', () => {
    const now = Date.now();
    const spy = jest.spyOn(Date, 'now').mockReturnValue(now);
    try {
      const reset = String(Math.floor(now / 1000) + 10);
      const expected = Number(reset) * 1000 - now;
      expect(lowest(() => rateLimitWaitMs({ 'x-rate-limit-reset': reset }, 0))).toBe(expected);
      expect(lowest(() => rateLimitWaitMs({ date: 'not a date', 'x-rate-limit-reset': reset }, 0))).toBe(expected);
    } finally {
      spy.mockRestore();
    }
  });

  test('Retry-After (seconds) when there is no reset', () => {
    expect(lowest(() => rateLimitWaitMs({ 'retry-after': '4' }, 0))).toBe(4_000);
    expect(lowest(() => rateLimitWaitMs({ 'retry-after': '12' }, 0))).toBe(12_000);
    expect(highest(() => rateLimitWaitMs({ 'retry-after': ' 4 ' }, 0))).toBeCloseTo(4_000 + 250 + 400, 6);
  });

  test.each([
    ['no headers', {}],
    ['a reset that is not a number', { date, 'x-rate-limit-reset': '12abc' }],
    ['duplicated resets', { date, 'x-rate-limit-reset': `${resetIn(5)}, ${resetIn(5)}` }],
    ['an HTTP-date Retry-After', { 'retry-after': date }],
    ['a Retry-After with a leading non-digit', { 'retry-after': 'x4' }],
    ['a Retry-After with a trailing non-digit', { 'retry-after': '4s' }],
    ['an empty reset', { date, 'x-rate-limit-reset': '' }],
  ])('%s: the attempt\'s backoff', (_name, headers) => {
    expect(lowest(() => rateLimitWaitMs(headers as Record<string, string>, 0))).toBe(500);
    expect(lowest(() => rateLimitWaitMs(headers as Record<string, string>, 2))).toBe(2_000);
  });

  test('a reset wins over Retry-After', () => {
    expect(lowest(() => rateLimitWaitMs({ date, 'x-rate-limit-reset': resetIn(3), 'retry-after': '9' }, 0))).toBe(3_000);
  });
});
