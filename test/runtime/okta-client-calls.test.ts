import { Redis } from 'ioredis';
import { apiTokenProvider } from '../../src/auth/api-token';
import { LogEntry } from '../../src/core/call-options';
import { HttpMethod } from '../../src/http/okta-request';
import { OktaClient, scopeFor } from '../../src/http/okta-client';
import { Deadline } from '../../src/http/deadline';
import { closeRateBudget, configureRateBudget, RateGovernor, RedisBudgetStore, SharedGovernor } from '../../src/http/rate-governor';
import { RedisServer } from '../../scripts/load/redis-server';
import { FaultServer, json, oktaError, sequence } from '../support/fault-server';

// What one OktaClient call puts on the wire and in the log, against a real server on loopback.
const TOKEN = 'tok-client-calls-0123456789abcdef';
let server: FaultServer;
let client: OktaClient;

beforeAll(async () => {
  server = await new FaultServer().start();
  client = new OktaClient(apiTokenProvider({ domain: server.origin, api_token: TOKEN }));
});
afterEach(() => server.reset());
afterAll(() => server.close());

interface Echo {
  method: string;
  headers: Record<string, string | undefined>;
  body: string;
}

const echoed = async (method: HttpMethod, body?: unknown): Promise<Echo> => {
  server.on(method, '/api/v1/echo', { kind: 'echo' });
  const res = await client.request<Echo>({ method, path: '/api/v1/echo', ...(body === undefined ? {} : { body }) }, scopeFor({ maxRetries: 0 }));
  return res.body;
};

describe('what a request carries', () => {
  test('a bodyless POST, PUT and PATCH go out with Content-Length: 0 and nothing after the headers', async () => {
    for (const method of ['POST', 'PUT', 'PATCH'] as const) {
      const seen = await echoed(method);
      expect({ method: seen.method, length: seen.headers['content-length'], chunked: seen.headers['transfer-encoding'], body: seen.body }).toEqual({ method, length: '0', chunked: undefined, body: '' });
    }
  });

  test('a GET and a DELETE carry no Content-Length at all', async () => {
    for (const method of ['GET', 'DELETE'] as const) {
      const seen = await echoed(method);
      expect(seen.method).toBe(method);
      expect(seen.headers).not.toHaveProperty('content-length');
    }
  });

  test('a null body is no body: nothing is sent, not the text "null"', async () => {
    const seen = await echoed('POST', null);
    expect(seen.body).toBe('');
    expect(seen.headers['content-length']).toBe('0');
  });

  test('a body goes out as JSON with its own length', async () => {
    const seen = await echoed('POST', { profile: { login: 'a@example.com' } });
    expect(seen.body).toBe('{"profile":{"login":"a@example.com"}}');
    expect(seen.headers['content-length']).toBe(String(seen.body.length));
    expect(seen.headers).toMatchObject({ accept: 'application/json', 'content-type': 'application/json' });
  });

  test('the first attempt carries no X-Okta-Retry headers, nor a retry after an answer without a request id', async () => {
    server.on('GET', '/api/v1/echo', sequence(json(503, { errorCode: 'E0000009', errorSummary: 'Internal error', errorCauses: [] }), { kind: 'echo' }));
    const res = await client.request<Echo>({ method: 'GET', path: '/api/v1/echo' }, scopeFor({ maxRetries: 1 }));
    expect(res.body.headers).not.toHaveProperty('x-okta-retry-count');
    expect(res.body.headers).not.toHaveProperty('x-okta-retry-for');
    expect(server.seen).toHaveLength(2);
    for (const seen of server.seen) expect(Object.keys(seen.headers).filter((name) => name.startsWith('x-okta-retry'))).toEqual([]);
  });

  test('a retry names the first failed answer and its count', async () => {
    server.on('GET', '/api/v1/echo', sequence(oktaError(503, 'E0000009', 'Internal error'), { kind: 'echo' }));
    const res = await client.request<Echo>({ method: 'GET', path: '/api/v1/echo' }, scopeFor({ maxRetries: 1 }));
    expect(res.body.headers).toMatchObject({ 'x-okta-retry-for': 'req-E0000009', 'x-okta-retry-count': '1' });
  });

  test('an answer of a few MiB is read whole when the scope sets no size limit of its own', async () => {
    const bytes = 3 * 1024 * 1024;
    server.on('GET', '/api/v1/users/big', { kind: 'big', status: 200, bytes });
    const res = await client.request<{ id: string; pad: string }>({ method: 'GET', path: '/api/v1/users/big' }, scopeFor({ maxRetries: 0 }));
    expect(res.body.id).toBe('00ub0oNGTSWTBKOLGLNR');
    expect(JSON.stringify(res.body).length).toBe(bytes);
  });
});

describe('what a call logs', () => {
  const logged = async (status: number, path = '/api/v1/users', headers: Record<string, string> = {}): Promise<LogEntry[]> => {
    const entries: LogEntry[] = [];
    server.on('GET', '/api/v1/users', json(status, status >= 400 ? { errorCode: 'E0000001', errorSummary: 'x', errorCauses: [] } : {}, headers));
    await client.request({ method: 'GET', path }, scopeFor({ maxRetries: 0, logger: (entry) => entries.push(entry) }), 'raw');
    return entries;
  };

  test('each answer is one http entry: debug below 400, warn from 400 on', async () => {
    const levels: Record<number, string | undefined> = {};
    for (const status of [200, 302, 399, 400, 404]) {
      const entries = await logged(status);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ event: 'http', method: 'GET', status, attempt: 0 });
      levels[status] = entries[0].level;
    }
    expect(levels).toEqual({ 200: 'debug', 302: 'debug', 399: 'debug', 400: 'warn', 404: 'warn' });
  });

  test('the http entry names the path without its query, Okta\'s request id and a plausible duration', async () => {
    const started = Date.now();
    const [entry] = await logged(200, '/api/v1/users?search=profile.login%20eq%20%22secret%22', { 'X-Okta-Request-Id': 'req-logged-1' });
    const elapsed = Date.now() - started;
    expect(entry).toMatchObject({ path: '/api/v1/users', requestId: 'req-logged-1' });
    expect(entry.durationMs).toBeGreaterThanOrEqual(0);
    expect(entry.durationMs).toBeLessThanOrEqual(elapsed);
  });

  test('a retry is logged as a warn retry entry between the two http entries', async () => {
    const entries: LogEntry[] = [];
    server.on('GET', '/api/v1/groups', sequence(oktaError(503, 'E0000009', 'Internal error'), json(200, [])));
    await client.request({ method: 'GET', path: '/api/v1/groups?limit=1' }, scopeFor({ maxRetries: 1, logger: (entry) => entries.push(entry) }), 'operation');
    expect(entries.map((entry) => [entry.level, entry.event, entry.status ?? null, entry.attempt])).toEqual([
      ['warn', 'http', 503, 0],
      ['warn', 'retry', null, 0],
      ['debug', 'http', 200, 1],
    ]);
    expect(entries[1]).toMatchObject({ method: 'GET', path: '/api/v1/groups', message: 'HTTP 503', waitMs: expect.any(Number) });
  });
});

describe('with the rate budget shared through Redis', () => {
  let redis: RedisServer;
  let inspect: Redis;

  beforeAll(async () => {
    redis = await RedisServer.start();
    inspect = new Redis(redis.url, { maxRetriesPerRequest: 1 });
    await configureRateBudget({ redisUrl: redis.url, maxConcurrent: 1 });
  });
  afterAll(async () => {
    await configureRateBudget({});
    await closeRateBudget();
    inspect.disconnect();
    await redis.stop();
  });

  test('a request in flight holds the org\'s slot, leased for its request timeout plus 5 s (so a copy that dies frees it then)', async () => {
    server.on('GET', '/api/v1/users/slow', { kind: 'slowHeaders', delayMs: 400, then: json(200, { id: 'slow' }) });
    const call = client.request({ method: 'GET', path: '/api/v1/users/slow' }, scopeFor({ requestTimeoutMs: 1_000, maxRetries: 0 }));
    const leases = `okta-connector:{${server.origin}}:in-flight`;
    let scores: string[] = [];
    for (let i = 0; i < 50 && scores.length === 0; i++) {
      scores = await inspect.zrange(leases, 0, -1, 'WITHSCORES');
      if (scores.length === 0) await new Promise((resolve) => setTimeout(resolve, 10));
    }
    const [seconds, micros] = await inspect.time();
    const expiresInMs = Number(scores[1]) - (Number(seconds) * 1000 + Math.floor(Number(micros) / 1000));
    expect(expiresInMs).toBeGreaterThan(5_000);
    expect(expiresInMs).toBeLessThanOrEqual(6_000);

    // Another copy of the connector finds the only slot taken while the request is under way.
    const other = new RedisBudgetStore(redis.url, () => undefined);
    try {
      const copy = new SharedGovernor(server.origin, other, new RateGovernor({ headroom: 0.1, maxConcurrent: 1 }));
      await expect(copy.acquire('GET /api/v1/users/slow', new Deadline(100))).rejects.toMatchObject({ type: 'timeout' });
    } finally {
      await other.close();
    }
    await expect(call).resolves.toMatchObject({ status: 200, body: { id: 'slow' } });
  });
});
