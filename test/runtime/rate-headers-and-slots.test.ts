import { Deadline } from '../../src/http/deadline';
import { bucketKey } from '../../src/http/rate/bucket-key';
import { RateGovernor } from '../../src/http/rate/local-governor';
import { readRateHeaders, SkewEstimate } from '../../src/http/rate/okta-headers';
import { Slots } from '../../src/http/rate/slots';

/** A whole second on the local clock, so Okta's `Date` and `X-Rate-Limit-Reset` can say it exactly. */
const T = 1_800_000_000_000;

/** Okta's headers for a bucket, on Okta's clock `oktaNow` (epoch ms, whole seconds). */
const oktaHeaders = (limit: number, remaining: number, resetInSeconds: number, oktaNow = T) => ({
  'x-rate-limit-limit': String(limit),
  'x-rate-limit-remaining': String(remaining),
  'x-rate-limit-reset': String(oktaNow / 1000 + resetInSeconds),
  date: new Date(oktaNow).toUTCString(),
});

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('readRateHeaders', () => {
  test.each([
    ['a limit that is not a number', { 'x-rate-limit-limit': 'lots' }],
    ['a remaining count that is not a number', { 'x-rate-limit-remaining': 'some' }],
    ['a reset that is not a number', { 'x-rate-limit-reset': 'soon' }],
    ['a limit of 0', { 'x-rate-limit-limit': '0' }],
  ])('ignores an answer with %s', (_name, bad) => {
    expect(readRateHeaders({ ...oktaHeaders(100, 50, 30), ...bad })).toBeUndefined();
  });

  test('measures the skew against the response Date: local clock minus Okta’s', () => {
    jest.spyOn(Date, 'now').mockReturnValue(T);
    expect(readRateHeaders(oktaHeaders(100, 50, 30, T - 60_000))).toEqual({ limit: 100, remaining: 50, resetAtOkta: T - 60_000 + 30_000, skewMs: 60_000 });
    const { date: _date, ...withoutDate } = oktaHeaders(100, 50, 30, T - 60_000);
    expect(readRateHeaders(withoutDate)?.skewMs).toBe(0);
  });
});

test('the skew estimate keeps a reading exactly 1.5 s above it (same clocks), and restarts only past that', () => {
  const skew = new SkewEstimate();
  skew.update(0);
  expect(skew.update(1_500)).toBe(0);
  expect(skew.update(1_501)).toBe(1_501);
});

describe('RateGovernor', () => {
  test('is idle only while no slot is held', async () => {
    const governor = new RateGovernor({ headroom: 0.1, maxConcurrent: 2 });
    expect(governor.idle).toBe(true);
    const release = await governor.acquire('GET /x', new Deadline(1_000));
    expect(governor.idle).toBe(false);
    release();
    expect(governor.idle).toBe(true);
  });

  test('a reset read on a clock behind ours waits until the reset on our clock', () => {
    jest.spyOn(Date, 'now').mockReturnValue(T);
    const governor = new RateGovernor({ headroom: 0.1, maxConcurrent: 10 });
    // Okta's clock is 60 s behind: its reset in 30 s is 30 s from now here, not already past.
    governor.record('GET /x', oktaHeaders(100, 5, 30, T - 60_000));
    const wait = governor.waitMs('GET /x');
    expect(wait).toBeGreaterThanOrEqual(30_000);
    expect(wait).toBeLessThan(30_250);
  });

  test('a nearly used-up bucket waits until its reset, spread over the quarter second after it, never before', () => {
    jest.spyOn(Date, 'now').mockReturnValue(T);
    const governor = new RateGovernor({ headroom: 0.1, maxConcurrent: 10 });
    governor.record('GET /x', oktaHeaders(100, 10, 30));
    for (let i = 0; i < 20; i++) {
      const wait = governor.waitMs('GET /x');
      expect(wait).toBeGreaterThanOrEqual(30_000);
      expect(wait).toBeLessThan(30_250);
    }
  });

  test('once the window has reset (or resets this very moment) the bucket no longer holds callers back', () => {
    const now = jest.spyOn(Date, 'now').mockReturnValue(T);
    const governor = new RateGovernor({ headroom: 0.1, maxConcurrent: 10 });
    governor.record('GET /now', oktaHeaders(100, 0, 0));
    expect(governor.waitMs('GET /now')).toBe(0);
    governor.record('GET /past', oktaHeaders(100, 0, 5));
    now.mockReturnValue(T + 10_000);
    expect(governor.waitMs('GET /past')).toBe(0);
  });

  test('a send spends one request of the local budget, not the whole budget', async () => {
    const governor = new RateGovernor({ headroom: 0.1, maxConcurrent: 10 });
    governor.record('GET /x', oktaHeaders(100, 50, 30, Math.floor(Date.now() / 1000) * 1000));
    const release = await governor.acquire('GET /x', new Deadline(1_000));
    release();
    expect(governor.waitMs('GET /x')).toBe(0);
  });
});

describe('bucketKey', () => {
  test('folds a 20-character Okta id, but not a shorter or longer segment', () => {
    expect(bucketKey('GET', '/api/v1/groups/00g1emaKYZTWRYYRRTSK/users')).toBe('GET /api/v1/groups/{id}/users');
    // A path word of 20 letters is not an id (Okta's spec has one: authorizationServers).
    expect(bucketKey('GET', '/api/v1/authorizationServers/aus1emaKYZTWRYYRRTSK/scopes')).toBe('GET /api/v1/authorizationServers/{id}/scopes');
    expect(bucketKey('GET', '/api/v1/apps/abcdefghijklmnopqrstu')).toBe('GET /api/v1/apps/abcdefghijklmnopqrstu');
    expect(bucketKey('GET', '/api/v1/apps/x.abcdefghijklmnopqrst')).toBe('GET /api/v1/apps/x.abcdefghijklmnopqrst');
  });

  test('leaves the query string out of the bucket', () => {
    expect(bucketKey('GET', '/api/v1/users?limit=200&after=00u1')).toBe('GET /api/v1/users');
  });
});

describe('Slots', () => {
  beforeEach(() => jest.useFakeTimers({ now: T }));

  test('a freed slot goes at once to a waiter, also one that has already waited past a 1 s poll', async () => {
    const slots = new Slots(() => 1);
    const deadline = new Deadline(10_000);
    const first = await slots.acquire(deadline);
    let second: (() => void) | undefined;
    void slots.acquire(deadline).then((release) => (second = release));
    await jest.advanceTimersByTimeAsync(1_500);
    expect(second).toBeUndefined();
    first();
    await jest.advanceTimersByTimeAsync(1);
    expect(second).toBeDefined();
  });

  test('a waiter gives up at its own deadline, not at the next 1 s poll', async () => {
    const slots = new Slots(() => 1);
    await slots.acquire(new Deadline(10_000));
    const waiter = slots.acquire(new Deadline(100));
    const outcome = waiter.then(
      () => 'acquired',
      (error: { type?: string }) => error.type,
    );
    await jest.advanceTimersByTimeAsync(200);
    await expect(Promise.race([outcome, Promise.resolve('still waiting')])).resolves.toBe('timeout');
  });

  test('releasing twice frees one slot only', async () => {
    const slots = new Slots(() => 1);
    const deadline = new Deadline(10_000);
    const first = await slots.acquire(deadline);
    first();
    first();
    await slots.acquire(deadline);
    let third = false;
    void slots.acquire(deadline).then(() => (third = true));
    await jest.advanceTimersByTimeAsync(50);
    expect(third).toBe(false);
  });
});
