import { Deadline } from '../../src/http/deadline';
import { rateBudgetOptionsFromEnv } from '../../src/http/rate/budget-config';
import { SkewEstimate } from '../../src/http/rate/okta-headers';
import { bucketKey, CallRateLimits, configureRateBudget, DEFAULT_RATE_LIMIT_SETTINGS, governorFor, RateGovernor } from '../../src/http/rate-governor';
import { rateLimitHeaders as headers } from '../support/rate-limit-headers';


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

test('the org governor takes its settings from the configuration alone, and undefined settings keep the defaults', async () => {
  await configureRateBudget({ headroom: undefined, maxConcurrent: undefined });
  expect(governorFor('https://settings.okta.com').settings).toEqual(DEFAULT_RATE_LIMIT_SETTINGS);
  await configureRateBudget({ maxConcurrent: 3 });
  expect(governorFor('https://settings.okta.com').settings).toEqual({ headroom: 0.1, maxConcurrent: 3 });
  await configureRateBudget({});
});

test('a bad configuration is refused at once with the setting named', async () => {
  await expect(configureRateBudget({ maxConcurrent: 0 })).rejects.toMatchObject({ type: 'connector_error', message: expect.stringContaining('maxConcurrent') });
  await expect(configureRateBudget({ headroom: 1 })).rejects.toMatchObject({ type: 'connector_error', message: expect.stringContaining('headroom') });
  await expect(configureRateBudget({ redisUrl: 'http://user:hunter2secret@cache:6379' })).rejects.toThrow(/redis:\/\//);
  await expect(configureRateBudget({ redisUrl: 'http://user:hunter2secret@cache:6379' })).rejects.not.toThrow(/hunter2secret/);
});

test('a call may cap its own requests in flight, on top of the org cap', async () => {
  const governor = new RateGovernor({ headroom: 0.1, maxConcurrent: 10 });
  const call = new CallRateLimits({ maxConcurrent: 1 });
  const other = new CallRateLimits({});
  const deadline = new Deadline(5_000);
  const first = await governor.acquire('GET /x', deadline, call);
  await expect(governor.acquire('GET /x', new Deadline(50), call)).rejects.toMatchObject({ type: 'timeout' });
  const elsewhere = await governor.acquire('GET /x', new Deadline(50), other);
  first();
  (await governor.acquire('GET /x', deadline, call))();
  elsewhere();
});

test('a call may keep a bigger reserve for itself, never a smaller one than the org keeps', async () => {
  const governor = new RateGovernor({ headroom: 0.1, maxConcurrent: 10 });
  governor.record('GET /y', headers(10, 3, 30));
  // The org keeps 1 of 10: 3 left is enough for an ordinary call, not for one that keeps half in reserve.
  await expect(governor.acquire('GET /y', new Deadline(100), new CallRateLimits({ headroom: 0.5 }))).rejects.toMatchObject({ type: 'rate_limited' });
  (await governor.acquire('GET /y', new Deadline(100)))();
  governor.record('GET /y', headers(10, 1, 30));
  // A call asking for no reserve at all still cannot spend the org's last request.
  await expect(governor.acquire('GET /y', new Deadline(100), new CallRateLimits({ headroom: 0 }))).rejects.toMatchObject({ type: 'rate_limited' });
});

test('a call asking for impossible limits gets a user_input_error naming the field', () => {
  expect(() => new CallRateLimits({ maxConcurrent: 0 })).toThrow(expect.objectContaining({ type: 'user_input_error', fields: ['rateLimit.maxConcurrent'] }));
  expect(() => new CallRateLimits({ headroom: -0.5 })).toThrow(expect.objectContaining({ type: 'user_input_error', fields: ['rateLimit.headroom'] }));
});

test('CONNECTOR_REDIS_URL, CONNECTOR_RATE_HEADROOM and CONNECTOR_MAX_CONCURRENT configure the process; unset means the local governor', () => {
  expect(rateBudgetOptionsFromEnv({ CONNECTOR_REDIS_URL: ' redis://cache:6379/2 ', CONNECTOR_RATE_HEADROOM: '0.2', CONNECTOR_MAX_CONCURRENT: '40' }))
    .toEqual({ redisUrl: 'redis://cache:6379/2', headroom: 0.2, maxConcurrent: 40 });
  expect(rateBudgetOptionsFromEnv({ CONNECTOR_REDIS_URL: '' })).toEqual({ redisUrl: undefined, headroom: undefined, maxConcurrent: undefined });
  expect(() => rateBudgetOptionsFromEnv({ CONNECTOR_MAX_CONCURRENT: 'lots' })).toThrow(/CONNECTOR_MAX_CONCURRENT/);
});

test('the clock skew estimate keeps the smallest whole-second reading, and starts again when a clock moves', () => {
  const skew = new SkewEstimate();
  expect(skew.ms).toBe(0);
  expect(skew.update(700)).toBe(700);
  expect(skew.update(950)).toBe(700);
  expect(skew.update(120)).toBe(120);
  expect(skew.update(1_100)).toBe(120);
  expect(skew.update(5_000)).toBe(5_000);
});
