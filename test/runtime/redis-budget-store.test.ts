import { execFile } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { LogEntry } from '../../src/core/call-options';
import { rateBudgetOptionsFromEnv, resolveRateBudget } from '../../src/http/rate/budget-config';
import { RedisBudgetStore } from '../../src/http/rate-governor';
import { RedisServer } from '../../scripts/load/redis-server';
import { useTestRedis } from '../support/test-redis';
import { until } from '../support/until';

// The shared budget's store on its own, against a real redis-server on loopback (and two stand-ins: a port
// that accepts connections and never answers, and one that answers as a Redis still loading its data).
const ORG = 'https://store.okta.com';
const REQUEST = { oktaNow: Date.now(), headroom: 0.1, maxConcurrent: 5, leaseMs: 5_000 };
const bucketKey = (bucket: string) => `okta-connector:{${ORG}}:bucket:${bucket}`;
const leasesKey = `okta-connector:{${ORG}}:in-flight`;
const redis = useTestRedis();
const servers: net.Server[] = [];

function store(logs: LogEntry[] = [], url = redis.url): RedisBudgetStore {
  return redis.track(new RedisBudgetStore(url, (entry) => logs.push(entry)));
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const messages = (logs: LogEntry[]) => logs.map((entry) => entry.message);

/** A TCP server that answers every command the way a Redis still loading its data set answers INFO. */
async function loadingRedis(): Promise<{ url: string; connections: () => number }> {
  let connections = 0;
  const info = '# Persistence\r\nloading:1\r\nloading_eta_seconds:60\r\n';
  const server = net.createServer((socket) => {
    connections++;
    // One answer per command (a chunk may hold several).
    socket.on('data', (chunk) => {
      for (const _ of String(chunk).matchAll(/(^|\n)\*\d+\r\n/g)) socket.write(`$${Buffer.byteLength(info)}\r\n${info}\r\n`);
    });
    socket.on('error', () => undefined);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `redis://127.0.0.1:${(server.address() as net.AddressInfo).port}`, connections: () => connections };
}

afterEach(() => {
  for (const server of servers.splice(0)) {
    server.close();
    (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
  }
});

describe('the scripts on Redis', () => {
  test('a reservation is granted and held as a lease in the org key; an answer is stored in the bucket key', async () => {
    const a = store();
    await expect(a.reserve(ORG, 'GET /a', REQUEST)).resolves.toEqual({ granted: true, leaseId: expect.any(String) });
    expect(await redis.inspect.zcard(leasesKey)).toBe(1);
    const resetAtOkta = Date.now() + 30_000;
    a.record(ORG, 'GET /a', { limit: 50, remaining: 7, resetAtOkta, skewMs: 0 });
    await until(async () => (await redis.inspect.exists(bucketKey('GET /a'))) === 1);
    expect(await redis.inspect.hgetall(bucketKey('GET /a'))).toEqual({ limit: '50', remaining: '7', reset: String(resetAtOkta) });
  });

  test("the bucket key expires a little after its window on Okta's clock, whatever this copy's clock says", async () => {
    const a = store();
    // This copy's clock runs 60 s ahead of Okta's; the window ends 30 s from now on Okta's clock.
    const skewMs = 60_000;
    a.record(ORG, 'GET /skew', { limit: 50, remaining: 7, resetAtOkta: Date.now() - skewMs + 30_000, skewMs });
    await until(async () => (await redis.inspect.exists(bucketKey('GET /skew'))) === 1);
    const ttl = await redis.inspect.pttl(bucketKey('GET /skew'));
    expect(ttl).toBeGreaterThan(25_000);
    expect(ttl).toBeLessThanOrEqual(35_000);
  });
});

describe('when Redis cannot answer', () => {
  test('a store with no logger reports the outage as one JSON line on stderr', async () => {
    const writes: string[] = [];
    const spy = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      const { url } = await loadingRedis();
      const quiet = redis.track(new RedisBudgetStore(url));
      await expect(quiet.reserve(ORG, 'GET /b', REQUEST)).resolves.toBeUndefined();
    } finally {
      spy.mockRestore();
    }
    const lines = writes.filter((line) => line.includes('rate_budget'));
    expect(lines).toHaveLength(1);
    expect(lines[0].endsWith('\n')).toBe(true);
    expect(JSON.parse(lines[0])).toMatchObject({ level: 'warn', event: 'rate_budget', message: expect.stringContaining('unavailable') });
  });

  test('a refused connection is reported with its cause', async () => {
    const probe = await RedisServer.start();
    await probe.stop(); // a free loopback port: nothing listens there
    const logs: LogEntry[] = [];
    const a = store(logs, probe.url);
    await expect(a.reserve(ORG, 'GET /c', REQUEST)).resolves.toBeUndefined();
    expect(messages(logs)).toEqual([expect.stringContaining('unavailable (ECONNREFUSED)')]);
  });

  test('a Redis that is not ready yet is reported with its state, and a record meanwhile is dropped quietly', async () => {
    const { url } = await loadingRedis();
    const logs: LogEntry[] = [];
    const a = store(logs, url);
    a.record(ORG, 'GET /d', { limit: 50, remaining: 7, resetAtOkta: Date.now() + 30_000, skewMs: 0 });
    await sleep(1_300); // past the first connection's wait
    expect(logs).toEqual([]);
    await expect(a.reserve(ORG, 'GET /d', REQUEST)).resolves.toBeUndefined();
    expect(messages(logs)).toEqual([expect.stringContaining('unavailable (connect)')]);
  });

  test('a failing script is an outage too: logged once with the error, and again after Redis was back', async () => {
    const logs: LogEntry[] = [];
    const a = store(logs);
    await redis.inspect.hset(bucketKey('GET /broken'), 'limit', 'x', 'remaining', 'x', 'reset', 'x');
    await expect(a.reserve(ORG, 'GET /broken', REQUEST)).resolves.toBeUndefined();
    await expect(a.reserve(ORG, 'GET /broken', REQUEST)).resolves.toBeUndefined();
    expect(messages(logs)).toEqual([expect.stringContaining('unavailable (ReplyError)')]);

    await expect(a.reserve(ORG, 'GET /fine', REQUEST)).resolves.toMatchObject({ granted: true });
    await expect(a.reserve(ORG, 'GET /fine', REQUEST)).resolves.toMatchObject({ granted: true });
    expect(logs).toHaveLength(2);
    expect(logs[1]).toEqual({ level: 'info', event: 'rate_budget', message: 'The shared rate budget on Redis is back; calls use it again' });

    await expect(a.reserve(ORG, 'GET /broken', REQUEST)).resolves.toBeUndefined();
    expect(logs).toHaveLength(3);
    expect(logs[2]).toMatchObject({ level: 'warn', message: expect.stringContaining('unavailable (ReplyError)') });
  });

  test('a record that fails is reported, and one that succeeds afterwards reports the recovery', async () => {
    const logs: LogEntry[] = [];
    const a = store(logs);
    await redis.inspect.hset(bucketKey('GET /broken'), 'remaining', 'x', 'reset', 'x');
    expect(await a.reserve(ORG, 'GET /fine', REQUEST)).toMatchObject({ granted: true });
    a.record(ORG, 'GET /broken', { limit: 50, remaining: 7, resetAtOkta: Date.now() + 30_000, skewMs: 0 });
    await until(() => logs.length === 1);
    expect(logs[0]).toMatchObject({ level: 'warn', message: expect.stringContaining('unavailable (ReplyError)') });
    a.record(ORG, 'GET /fine', { limit: 50, remaining: 7, resetAtOkta: Date.now() + 30_000, skewMs: 0 });
    await until(() => logs.length === 2);
    expect(logs[1]).toMatchObject({ level: 'info', message: expect.stringContaining('is back') });
  });
});

describe('connecting and closing', () => {
  test('the first call waits only until Redis is ready, not for the whole first-connection wait', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'Date', 'performance'] });
    try {
      const a = store();
      // With the clock stopped the 1 s wait can never end: only the connection being ready lets this through.
      await expect(a.reserve(ORG, 'GET /e', REQUEST)).resolves.toMatchObject({ granted: true });
    } finally {
      jest.useRealTimers();
    }
  });

  test('a store closed at once never connects', async () => {
    const server = await loadingRedis();
    const a = store([], server.url);
    await a.close();
    await sleep(100);
    expect(server.connections()).toBe(0);
  });

  test('once closed, a store answers nothing, holds no lease, and logs nothing', async () => {
    const logs: LogEntry[] = [];
    const a = store(logs);
    await expect(a.reserve(ORG, 'GET /f', REQUEST)).resolves.toMatchObject({ granted: true });
    await a.close();
    await expect(a.reserve(ORG, 'GET /f', REQUEST)).resolves.toBeUndefined();
    expect(await redis.inspect.zcard(leasesKey)).toBe(1);
    expect(logs).toEqual([]);
  });

  test('an open connection does not keep the process alive', async () => {
    const tsx = path.join(__dirname, '../../node_modules/.bin/tsx');
    const script = `
      import { RedisBudgetStore } from './src/http/rate/redis-budget-store';
      const store = new RedisBudgetStore(${JSON.stringify(redis.url)}, () => undefined);
      store.reserve('${ORG}', 'GET /g', ${JSON.stringify(REQUEST)}).then((answer) => console.log(JSON.stringify(answer)));
    `;
    const result = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(tsx, ['-e', script], { cwd: path.join(__dirname, '../..'), timeout: 20_000 }, (error, stdout) =>
        resolve({ code: error ? (child.exitCode ?? -1) : 0, stdout }));
    });
    expect(result.stdout).toContain('"granted":true');
    expect(result.code).toBe(0);
  }, 30_000);
});

describe('configuration', () => {
  test('a blank CONNECTOR_RATE_HEADROOM or CONNECTOR_MAX_CONCURRENT means the default, not 0', () => {
    expect(rateBudgetOptionsFromEnv({ CONNECTOR_RATE_HEADROOM: '', CONNECTOR_MAX_CONCURRENT: '  ' })).toEqual({ redisUrl: undefined, headroom: undefined, maxConcurrent: undefined });
    expect(rateBudgetOptionsFromEnv({ CONNECTOR_RATE_HEADROOM: ' ' })).toEqual({ redisUrl: undefined, headroom: undefined, maxConcurrent: undefined });
  });

  test('a CONNECTOR_RATE_HEADROOM that is not a number is named in the error', () => {
    expect(() => rateBudgetOptionsFromEnv({ CONNECTOR_RATE_HEADROOM: 'some' })).toThrow(expect.objectContaining({ type: 'connector_error', message: 'CONNECTOR_RATE_HEADROOM must be a number' }));
  });

  test('the Redis URL must be a redis:// or rediss:// URL and nothing around it', () => {
    expect(resolveRateBudget({ redisUrl: 'rediss://cache:6380/1' }).redisUrl).toBe('rediss://cache:6380/1');
    for (const redisUrl of ['see redis://cache:6379', 'redis://cache:6379 and more', 'redis://cache:6379\n']) {
      expect(() => resolveRateBudget({ redisUrl })).toThrow(expect.objectContaining({ type: 'connector_error', message: 'Rate budget configuration: the Redis URL must start with redis:// or rediss://' }));
    }
  });
});
