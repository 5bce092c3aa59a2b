import { Deadline } from '../../src/http/deadline';
import { CallRateLimits, configureRateBudget, governorFor, OrgGovernor, RateGovernor, RedisBudgetStore, SharedGovernor } from '../../src/http/rate-governor';
import { failure, refusal } from '../support/failure';
import { rateLimitHeaders as headers } from '../support/rate-limit-headers';
import { useTestRedis } from '../support/test-redis';
import { until } from '../support/until';

// Which governor an org gets (and keeps), how a governor waits for a reset, and how a shared governor counts
// its leases. The shared budget uses a real redis-server on loopback, as shared-budget.test.ts does.
const MAX_GOVERNORS = 10_000; // governors.ts: orgs whose governors are kept
const ORG = 'https://kept.okta.com';
const other = (i: number) => `https://org${i}.okta.com`;
const redis = useTestRedis();

/** Asks for the governors of `count` other orgs, each new: the org asked first is then the least recently used. */
function fillWithOtherOrgs(count: number): OrgGovernor[] {
  return Array.from({ length: count }, (_, i) => governorFor(other(i)));
}

function copy(maxConcurrent = 3): SharedGovernor {
  const store = redis.track(new RedisBudgetStore(redis.url));
  return new SharedGovernor(ORG, store, new RateGovernor({ headroom: 0.1, maxConcurrent }));
}

const bucketStored = (bucket: string) => until(async () => (await redis.inspect.exists(`okta-connector:{${ORG}}:bucket:${bucket}`)) === 1);

afterEach(async () => {
  jest.restoreAllMocks();
  jest.useRealTimers();
  await configureRateBudget({});
});

describe('an org keeps its governor', () => {
  test('asking again for an org, with other orgs asked in between, gives the same governor and what it learnt', async () => {
    await configureRateBudget({});
    const first = governorFor(ORG) as RateGovernor;
    first.record('GET /api/v1/users', headers(100, 5, 30));
    const second = governorFor('https://second.okta.com');
    expect(governorFor(ORG)).toBe(first);
    expect(governorFor('https://second.okta.com')).toBe(second);
    expect(first.waitMs('GET /api/v1/users')).toBeGreaterThan(25_000);
  });

  test(`past ${MAX_GOVERNORS} orgs the least recently used idle governor is dropped, and an org asked for again counts as recent`, async () => {
    await configureRateBudget({});
    const kept = governorFor(ORG);
    const [leastRecent, next] = fillWithOtherOrgs(MAX_GOVERNORS - 1); // the map is full now
    expect(governorFor(ORG)).toBe(kept); // asked again: now the most recently used
    governorFor('https://one-too-many.okta.com');
    expect(governorFor(ORG)).toBe(kept);
    expect(governorFor(other(1))).toBe(next);
    expect(governorFor(other(0))).not.toBe(leastRecent); // dropped, so a new one
  });

  test(`at exactly ${MAX_GOVERNORS} orgs the next new org drops the least recently used idle governor`, async () => {
    await configureRateBudget({});
    const oldest = governorFor(ORG);
    fillWithOtherOrgs(MAX_GOVERNORS - 1);
    governorFor('https://one-too-many.okta.com');
    expect(governorFor(ORG)).not.toBe(oldest);
  });

  test('a governor with requests in flight is never dropped, so the org cap still holds for it', async () => {
    await configureRateBudget({ maxConcurrent: 1 });
    const busy = governorFor(ORG);
    const release = await busy.acquire('GET /api/v1/users', new Deadline(1_000));
    const [idle] = fillWithOtherOrgs(MAX_GOVERNORS);
    expect(governorFor(ORG)).toBe(busy);
    expect(await failure(governorFor(ORG).acquire('GET /api/v1/users', new Deadline(50)))).toMatchObject({ type: 'timeout' });
    release();
    expect(governorFor(other(0))).not.toBe(idle); // the idle one was dropped in its place
  });
});

describe('a shared governor is idle only while it holds no lease', () => {
  test('one whose lease was given back is idle and may be dropped', async () => {
    await configureRateBudget({ redisUrl: redis.url });
    const shared = governorFor(ORG);
    expect(shared).toBeInstanceOf(SharedGovernor);
    (await shared.acquire('GET /api/v1/users', new Deadline(1_000)))();
    fillWithOtherOrgs(MAX_GOVERNORS);
    expect(governorFor(ORG)).not.toBe(shared);
  });

  test('one holding a lease is kept, even after another lease was given back twice', async () => {
    await configureRateBudget({ redisUrl: redis.url });
    const shared = governorFor(ORG);
    const first = await shared.acquire('GET /api/v1/users', new Deadline(1_000));
    first();
    first(); // a second release frees nothing
    const held = await shared.acquire('GET /api/v1/users', new Deadline(1_000));
    const [idle] = fillWithOtherOrgs(MAX_GOVERNORS);
    expect(governorFor(ORG)).toBe(shared);
    expect(governorFor(other(0))).not.toBe(idle);
    held();
  });
});

describe('waiting for a bucket to reset (local clock faked, jitter fixed)', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-12-01T12:00:00.000Z') }); // a whole second: no skew from Date
  });

  test('the wait for a reset gets up to a quarter second of jitter, so the waiters do not all come back at once', () => {
    const governor = new RateGovernor({ headroom: 0.1, maxConcurrent: 10 });
    governor.record('GET /api/v1/users', headers(10, 1, 2));
    const random = jest.spyOn(Math, 'random').mockReturnValue(0);
    expect(governor.waitMs('GET /api/v1/users')).toBe(2_000);
    random.mockReturnValue(0.8);
    expect(governor.waitMs('GET /api/v1/users')).toBe(2_200);
  });

  test('a reset that comes exactly at the deadline is waited for, not refused', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0);
    const governor = new RateGovernor({ headroom: 0.1, maxConcurrent: 10 });
    governor.record('GET /api/v1/users', headers(10, 1, 2));
    const acquired = governor.acquire('GET /api/v1/users', new Deadline(2_000));
    acquired.catch(() => undefined);
    await jest.advanceTimersByTimeAsync(2_000);
    await expect(acquired).resolves.toEqual(expect.any(Function));
  });

  test('a reset after the deadline fails at once as rate_limited, with the seconds to wait in the message and retryAfterSeconds', async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0);
    const governor = new RateGovernor({ headroom: 0.1, maxConcurrent: 10 });
    governor.record('GET /api/v1/logs', headers(60, 2, 30));
    const error = await failure(governor.acquire('GET /api/v1/logs', new Deadline(5_000)));
    expect(error).toMatchObject({ type: 'rate_limited', retryable: true, retryAfterSeconds: 30 });
    expect(error.message).toBe("Okta's rate limit for GET /api/v1/logs is nearly used up; it resets in 30 s, after this call's deadline. Try again in 30 s");
  });
});

describe('a shared governor waiting on Redis', () => {
  test('a copy waiting for a shared slot asks again every 5 to 15 ms, not in a tight loop', async () => {
    const a = copy(1);
    const held = await a.acquire('GET /p', new Deadline(5_000));
    jest.spyOn(Math, 'random').mockReturnValue(0.9);
    const deadline = new Deadline(300);
    const sleep = jest.spyOn(deadline, 'sleep');
    expect(await failure(a.acquire('GET /p', deadline))).toMatchObject({ type: 'timeout' });
    const waits = sleep.mock.calls.map(([ms]) => ms);
    // 5 + 0.9 * 10 ms each time, but the wait that would pass the deadline, which is cut to what is left.
    expect(waits.filter((ms) => ms === 14).length).toBeGreaterThanOrEqual(2);
    const cut = waits.filter((ms) => ms !== 14);
    expect(cut.length).toBeLessThanOrEqual(1);
    expect(cut.every((ms) => ms >= 0 && ms < 14)).toBe(true);
    held();
  });

  test('the shared wait for a reset gets the jitter on top, so a deadline just after the reset is refused at once', async () => {
    const a = copy();
    a.record('GET /q', headers(10, 1, 1)); // Okta's window resets within a second
    await bucketStored('GET /q');
    jest.spyOn(Math, 'random').mockReturnValue(0.99); // about 250 ms of jitter
    const error = await failure(a.acquire('GET /q', new Deadline(1_050)));
    expect(error).toMatchObject({ type: 'rate_limited', retryAfterSeconds: 2 });
  });

  test("the shared reserve holds by Okta's clock when it is a minute behind ours", async () => {
    jest.spyOn(Math, 'random').mockReturnValue(0);
    const a = copy();
    const oktaNow = Date.now() - 60_000;
    a.record('GET /r', {
      'x-rate-limit-limit': '10',
      'x-rate-limit-remaining': '1',
      'x-rate-limit-reset': String(Math.floor(oktaNow / 1000) + 30),
      date: new Date(oktaNow).toUTCString(),
    });
    await bucketStored('GET /r');
    expect(await failure(a.acquire('GET /r', new Deadline(1_000)))).toMatchObject({ type: 'rate_limited', retryAfterSeconds: 30 });
  });
});

describe('a call may cap its own requests in flight at 1000', () => {
  test('1000 is accepted, 1001 is refused naming the field', () => {
    expect(() => new CallRateLimits({ maxConcurrent: 1_000 })).not.toThrow();
    expect(refusal(() => new CallRateLimits({ maxConcurrent: 1_001 }))).toMatchObject({ type: 'user_input_error', fields: ['rateLimit.maxConcurrent'] });
  });

  test('the configuration takes 1000 and refuses 1001', async () => {
    await configureRateBudget({ maxConcurrent: 1_000 });
    expect(governorFor(ORG).settings.maxConcurrent).toBe(1_000);
    await expect(configureRateBudget({ maxConcurrent: 1_001 })).rejects.toMatchObject({ message: expect.stringContaining('maxConcurrent') });
  });
});
