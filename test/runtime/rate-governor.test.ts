import { Deadline } from '../../src/http/deadline';
import { bucketKey, DEFAULT_RATE_LIMIT_SETTINGS, governorFor, RateGovernor } from '../../src/http/rate-governor';

const headers = (limit: number, remaining: number, resetInSeconds: number) => {
  const now = new Date();
  return {
    'x-rate-limit-limit': String(limit),
    'x-rate-limit-remaining': String(remaining),
    'x-rate-limit-reset': String(Math.floor(now.getTime() / 1000) + resetInSeconds),
    date: now.toUTCString(),
  };
};

test('bucketKey folds ids and logins so one endpoint shares one bucket', () => {
  expect(bucketKey('get', '/api/v1/users/00ub0oNGTSWTBKOLGLNR')).toBe('GET /api/v1/users/{id}');
  expect(bucketKey('GET', '/api/v1/users/isaac.brock%40example.com?expand=blocks')).toBe('GET /api/v1/users/{id}');
  expect(bucketKey('POST', '/api/v1/users/00ub0oNGTSWTBKOLGLNR/lifecycle/suspend')).toBe('POST /api/v1/users/{id}/lifecycle/suspend');
  expect(bucketKey('GET', '/api/v1/users')).not.toBe(bucketKey('POST', '/api/v1/users'));
});

test('keeps the reserve: no wait while the bucket has more than 10% left, a wait until reset once it does not', () => {
  const governor = new RateGovernor({ headroom: 0.1, maxConcurrent: 10 });
  governor.record('GET /api/v1/users', headers(100, 11, 30));
  expect(governor.waitMs('GET /api/v1/users')).toBe(0);
  governor.record('GET /api/v1/users', headers(100, 10, 30));
  expect(governor.waitMs('GET /api/v1/users')).toBeGreaterThan(25_000);
  expect(governor.waitMs('GET /api/v1/groups')).toBe(0);
});

test('a wait past the deadline fails at once as rate_limited with the time to retry', async () => {
  const governor = new RateGovernor({ headroom: 0.1, maxConcurrent: 10 });
  governor.record('GET /api/v1/logs', headers(60, 2, 40));
  await expect(governor.acquire('GET /api/v1/logs', new Deadline(5_000))).rejects.toMatchObject({ type: 'rate_limited', retryable: true, retryAfterSeconds: expect.any(Number) });
});

test('each send spends the local budget, so concurrent calls do not all pass on stale numbers', async () => {
  const governor = new RateGovernor({ headroom: 0.1, maxConcurrent: 10 });
  governor.record('GET /x', headers(20, 3, 30));
  const deadline = new Deadline(100);
  const release = await governor.acquire('GET /x', deadline);
  release();
  await expect(governor.acquire('GET /x', deadline)).rejects.toMatchObject({ type: 'rate_limited' });
});

test('caps requests in flight and hands slots on in order', async () => {
  const governor = new RateGovernor({ headroom: 0.1, maxConcurrent: 2 });
  const deadline = new Deadline(5_000);
  const a = await governor.acquire('GET /x', deadline);
  const b = await governor.acquire('GET /x', deadline);
  let thirdGotSlot = false;
  const third = governor.acquire('GET /x', deadline).then((release) => {
    thirdGotSlot = true;
    return release;
  });
  await new Promise((r) => setTimeout(r, 50));
  expect(thirdGotSlot).toBe(false);
  a();
  const c = await third;
  expect(thirdGotSlot).toBe(true);
  b();
  c();
});

test('settings left undefined keep the defaults (a caller passing {headroom: undefined} changes nothing)', () => {
  const governor = governorFor('https://settings.okta.com', { headroom: undefined, maxConcurrent: undefined });
  expect(governor.settings).toEqual(DEFAULT_RATE_LIMIT_SETTINGS);
  expect(governorFor('https://settings.okta.com', { maxConcurrent: 3 }).settings).toEqual({ headroom: 0.1, maxConcurrent: 3 });
});
