import { LogEntry } from '../../src/core/call-options';
import { Deadline } from '../../src/http/deadline';
import { configureRateBudget, governorFor, RateGovernor, RedisBudgetStore, SharedGovernor } from '../../src/http/rate-governor';
import { rateLimitHeaders as headers } from '../support/rate-limit-headers';
import { useTestRedis } from '../support/test-redis';
import { until } from '../support/until';

// A real redis-server on loopback; two stores stand for two copies of the connector (two processes).
const ORG = 'https://shared.okta.com';
const SETTINGS = { headroom: 0.1, maxConcurrent: 3 };
const redis = useTestRedis();
/** Each copy's store, in the order the copies were made. */
const stores: RedisBudgetStore[] = [];

function copy(logs: LogEntry[] = [], org = ORG): SharedGovernor {
  const store = new RedisBudgetStore(redis.url, (entry) => logs.push(entry));
  stores.push(redis.track(store));
  return new SharedGovernor(org, store, new RateGovernor(SETTINGS));
}

afterEach(() => {
  stores.length = 0;
});

test('two copies spend one bucket: what one learns from Okta and reserves, the other sees', async () => {
  const a = copy();
  const b = copy();
  a.record('GET /api/v1/users', headers(20, 5, 30));
  await until(async () => (await redis.inspect.keys('*bucket*')).length === 1);
  // 20 with 10 % in reserve: 2 stay untouched, so 3 of the 5 left can be spent, by either copy.
  (await b.acquire('GET /api/v1/users', new Deadline(1_000)))();
  (await a.acquire('GET /api/v1/users', new Deadline(1_000)))();
  (await b.acquire('GET /api/v1/users', new Deadline(1_000)))();
  await expect(a.acquire('GET /api/v1/users', new Deadline(1_000))).rejects.toMatchObject({ type: 'rate_limited', retryAfterSeconds: expect.any(Number) });
  await expect(b.acquire('GET /api/v1/users', new Deadline(1_000))).rejects.toMatchObject({ type: 'rate_limited' });
  // Another bucket is untouched.
  (await b.acquire('GET /api/v1/groups', new Deadline(1_000)))();
});

test('answers refresh the shared count: an older window is ignored, the lower count of one window wins', async () => {
  const a = copy();
  const b = copy();
  const now = headers(100, 60, 30);
  a.record('GET /x', now);
  await until(async () => (await redis.inspect.hget(`okta-connector:{${ORG}}:bucket:GET /x`, 'remaining')) === '60');
  b.record('GET /x', { ...now, 'x-rate-limit-remaining': '80' });
  b.record('GET /x', headers(100, 99, -60));
  a.record('GET /x', { ...now, 'x-rate-limit-remaining': '40' });
  await until(async () => (await redis.inspect.hget(`okta-connector:{${ORG}}:bucket:GET /x`, 'remaining')) === '40');
  const later = headers(100, 95, 90);
  b.record('GET /x', later);
  await until(async () => (await redis.inspect.hget(`okta-connector:{${ORG}}:bucket:GET /x`, 'remaining')) === '95');
  expect(await redis.inspect.pttl(`okta-connector:{${ORG}}:bucket:GET /x`)).toBeGreaterThan(80_000);
});

test('the cap on requests in flight is shared by the copies, and a freed slot goes to a waiting copy', async () => {
  const a = copy();
  const b = copy();
  const deadline = new Deadline(5_000);
  const held = [await a.acquire('GET /y', deadline), await a.acquire('GET /y', deadline), await b.acquire('GET /y', deadline)];
  await expect(b.acquire('GET /y', new Deadline(100))).rejects.toMatchObject({ type: 'timeout' });
  let granted = false;
  const waiting = b.acquire('GET /y', deadline).then((release) => {
    granted = true;
    return release;
  });
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(granted).toBe(false);
  held[0]();
  (await waiting)();
  held[1]();
  held[2]();
});

test('a copy that dies holding slots frees them when its leases expire', async () => {
  const dying = copy();
  const survivor = copy();
  for (let i = 0; i < 3; i++) await dying.acquire('GET /z', new Deadline(5_000), undefined, 300);
  await stores[0].close(); // the copy is gone without releasing anything
  const started = Date.now();
  (await survivor.acquire('GET /z', new Deadline(5_000)))();
  expect(Date.now() - started).toBeGreaterThanOrEqual(200);
});

test('Redis going away: calls go on with the local governor, logged once; when it is back the shared budget is used again', async () => {
  const logs: LogEntry[] = [];
  const a = copy(logs);
  (await a.acquire('GET /w', new Deadline(1_000)))();
  expect(logs).toEqual([]);

  await redis.server.stop();
  // The local governor learnt the same answers: its reserve still holds while Redis is away.
  a.record('GET /w', headers(10, 2, 30));
  for (let i = 0; i < 5; i++) (await a.acquire('GET /v', new Deadline(1_000)))();
  await expect(a.acquire('GET /w', new Deadline(1_000))).resolves.toEqual(expect.any(Function));
  await expect(a.acquire('GET /w', new Deadline(1_000))).rejects.toMatchObject({ type: 'rate_limited' });
  const down = logs.filter((entry) => /unavailable/.test(entry.message ?? ''));
  expect(down).toHaveLength(1);
  expect(down[0]).toMatchObject({ level: 'warn', event: 'rate_budget' });

  await redis.server.start();
  await until(async () => {
    const release = await a.acquire('GET /u', new Deadline(1_000));
    const leases = await redis.inspect.zcard(`okta-connector:{${ORG}}:in-flight`).catch(() => 0);
    release();
    return leases === 1;
  }, 10_000);
  expect(logs.filter((entry) => /is back;/.test(entry.message ?? ''))).toHaveLength(1);
  expect(logs.filter((entry) => /unavailable/.test(entry.message ?? ''))).toHaveLength(1);
  expect(JSON.stringify(logs)).not.toContain(redis.url);
});

test('configured with a Redis URL, every governor of the process shares its org budget through it', async () => {
  await configureRateBudget({ redisUrl: redis.url, maxConcurrent: 4 });
  try {
    const governor = governorFor(ORG);
    expect(governor).toBeInstanceOf(SharedGovernor);
    expect(governor.settings).toEqual({ headroom: 0.1, maxConcurrent: 4 });
    const release = await governor.acquire('GET /t', new Deadline(1_000));
    expect(await redis.inspect.zcard(`okta-connector:{${ORG}}:in-flight`)).toBe(1);
    release();
    await until(async () => (await redis.inspect.zcard(`okta-connector:{${ORG}}:in-flight`)) === 0);
  } finally {
    await configureRateBudget({});
  }
  expect(governorFor(ORG)).toBeInstanceOf(RateGovernor);
});
