import { invoke, LogEntry } from '../../src';
import { ConnectorError } from '../../src/core/errors';
import { getRegistry } from '../../src/runtime/registry';
import { Fault, FaultServer, json, oktaError, rateLimited, sequence } from '../support/fault-server';

// Real sockets on loopback: every fault goes through the connector's whole stack (invoke → validation →
// handler → governor → axios → Node's http) exactly as in production.
const TOKEN = 'tok-faults-0123456789abcdef';
let server: FaultServer;
let elsewhere: FaultServer;
let auth: { domain: string; api_token: string };

beforeAll(async () => {
  server = await new FaultServer().start();
  elsewhere = await new FaultServer().start();
  auth = { domain: server.origin, api_token: TOKEN };
  // Load the registry and handlers up front, so timings measure the HTTP behaviour only.
  for (const op of ['get_user', 'list_users', 'create_user', 'raw_http_request']) getRegistry().get(op)!.handler();
});
afterEach(() => {
  server.reset();
  elsewhere.reset();
});
afterAll(async () => {
  await server.close();
  await elsewhere.close();
});

const user = (id: string) => ({ id, status: 'ACTIVE', profile: { login: `${id}@example.com`, email: `${id}@example.com` } });
const newUser = { profile: { login: 'isaac.brock@example.com', email: 'isaac.brock@example.com', firstName: 'Isaac', lastName: 'Brock' } };

interface Outcome {
  output?: unknown;
  error?: ConnectorError;
  ms: number;
}

async function run(operation: string, input: unknown, options: Record<string, unknown> = {}): Promise<Outcome> {
  const started = Date.now();
  try {
    const output = await invoke(operation, input, { auth, timeoutMs: 10_000, requestTimeoutMs: 5_000, ...options });
    return { output, ms: Date.now() - started };
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    const e = error as ConnectorError;
    expect(JSON.stringify(e.toJSON()) + e.message + String(e.stack)).not.toContain(TOKEN);
    return { error: e, ms: Date.now() - started };
  }
}

const pageOf = (from: number, count: number) => Array.from({ length: count }, (_, i) => user(`u${from + i}`));
const nextLink = (origin: string, after: string) => ({ Link: `<${origin}/api/v1/users?limit=2&after=${after}>; rel="next"` });

describe('slow servers end in timeout within the deadline', () => {
  test('slow headers: the per-request timeout fires, and a timeout is not retried', async () => {
    server.on('GET', '/api/v1/users/slow-headers', { kind: 'slowHeaders', delayMs: 5_000, then: json(200, user('slow-headers')) });
    const { error, ms } = await run('get_user', { user_id: 'slow-headers' }, { requestTimeoutMs: 300, maxRetries: 2 });
    expect(error).toMatchObject({ type: 'timeout', retryable: true, message: expect.stringContaining('300 ms') });
    expect(ms).toBeGreaterThanOrEqual(290);
    expect(ms).toBeLessThan(1_500);
    expect(server.hits('GET', '/api/v1/users/slow-headers')).toBe(1);
  });

  test('slow headers: the overall deadline caps the request when it is shorter', async () => {
    server.on('GET', '/api/v1/users/slow-deadline', { kind: 'slowHeaders', delayMs: 5_000, then: json(200, user('slow-deadline')) });
    const { error, ms } = await run('get_user', { user_id: 'slow-deadline' }, { timeoutMs: 400, requestTimeoutMs: 30_000 });
    expect(error?.type).toBe('timeout');
    expect(ms).toBeLessThan(1_500);
  });

  test('slow body: headers arrive at once but the body trickles past the request timeout', async () => {
    server.on('GET', '/api/v1/users/trickle', { kind: 'trickle', status: 200, body: JSON.stringify(user('trickle')), chunks: 40, intervalMs: 100 });
    const { error, ms } = await run('get_user', { user_id: 'trickle' }, { requestTimeoutMs: 500 });
    expect(error?.type).toBe('timeout');
    expect(ms).toBeLessThan(1_500);
    expect(server.hits('GET', '/api/v1/users/trickle')).toBe(1);
  });

  test('slow body within the timeout is read whole', async () => {
    server.on('GET', '/api/v1/users/trickle-ok', { kind: 'trickle', status: 200, body: JSON.stringify(user('trickle-ok')), chunks: 5, intervalMs: 40 });
    const { output, ms } = await run('get_user', { user_id: 'trickle-ok' }, { requestTimeoutMs: 2_000 });
    expect(output).toEqual(user('trickle-ok'));
    expect(ms).toBeLessThan(2_000);
  });

  test("the caller's AbortSignal stops a hanging request at once", async () => {
    server.on('GET', '/api/v1/users/cancelled', { kind: 'slowHeaders', delayMs: 5_000, then: json(200, user('cancelled')) });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const { error, ms } = await run('get_user', { user_id: 'cancelled' }, { signal: controller.signal });
    expect(error).toMatchObject({ type: 'timeout', message: 'The call was cancelled by the caller' });
    expect(ms).toBeLessThan(1_000);
  });
});

describe('broken connections and bodies', () => {
  const cut = (how: 'reset' | 'close'): Fault => ({ kind: 'cutMidBody', how, status: 200, partial: '{"id":"00ub0oNG', declaredLength: 400 });

  test.each(['reset', 'close'] as const)('connection %s mid-body on a GET: retried, then a retryable api_error', async (how) => {
    const path = `/api/v1/users/cut-${how}`;
    server.on('GET', path, cut(how));
    const { error, ms } = await run('get_user', { user_id: `cut-${how}` }, { maxRetries: 1 });
    expect(error).toMatchObject({ type: 'api_error', retryable: true, message: expect.stringContaining('Network error') });
    expect(server.hits('GET', path)).toBe(2);
    expect(ms).toBeLessThan(3_000);
  });

  test('connection reset mid-body once, then a good answer: the GET succeeds', async () => {
    server.on('GET', '/api/v1/users/cut-once', sequence(cut('reset'), json(200, user('cut-once'))));
    const { output } = await run('get_user', { user_id: 'cut-once' });
    expect(output).toEqual(user('cut-once'));
    expect(server.hits('GET', '/api/v1/users/cut-once')).toBe(2);
  });

  test('connection reset before any byte on a POST (create_user) is not re-sent', async () => {
    server.on('POST', '/api/v1/users', { kind: 'resetBeforeHeaders' });
    const { error } = await run('create_user', newUser, { maxRetries: 3 });
    expect(error).toMatchObject({ type: 'api_error', message: expect.stringContaining('Network error') });
    expect(server.hits('POST', '/api/v1/users')).toBe(1);
  });

  test('truncated JSON with status 200: retried, then api_error "malformed JSON"', async () => {
    const broken: Fault = { kind: 'text', status: 200, body: '{"id":"00ub0oNGTSWTBKOLGLNR","profile":{"login":"isa', contentType: 'application/json' };
    server.on('GET', '/api/v1/users/truncated', broken);
    const { error } = await run('get_user', { user_id: 'truncated' }, { maxRetries: 1 });
    expect(error).toMatchObject({ type: 'api_error', status: 200, retryable: true, message: expect.stringContaining('malformed JSON') });
    expect(server.hits('GET', '/api/v1/users/truncated')).toBe(2);
  });

  test('an HTML 502 page from a proxy: retried, then api_error 502 without the HTML', async () => {
    const html: Fault = { kind: 'text', status: 502, body: '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>', contentType: 'text/html' };
    server.on('GET', '/api/v1/users/html-502', html);
    const { error } = await run('get_user', { user_id: 'html-502' }, { maxRetries: 1 });
    expect(error).toMatchObject({ type: 'api_error', status: 502, retryable: true, message: 'Okta answered HTTP 502' });
    expect(server.hits('GET', '/api/v1/users/html-502')).toBe(2);
  });

  test('an HTML 502 then the user: the retry succeeds', async () => {
    server.on('GET', '/api/v1/users/html-once', sequence({ kind: 'text', status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html' }, json(200, user('html-once'))));
    expect((await run('get_user', { user_id: 'html-once' })).output).toEqual(user('html-once'));
  });
});

describe('5xx and 429', () => {
  test('a 5xx burst in the middle of fetch_all is retried and no page is lost or repeated', async () => {
    let page2Calls = 0;
    server.on('GET', '/api/v1/users', (req) => {
      const after = new URL(req.path, server.origin).searchParams.get('after');
      if (!after) return json(200, pageOf(0, 2), nextLink(server.origin, 'p2'));
      if (after === 'p2') {
        page2Calls++;
        if (page2Calls === 1) return oktaError(500, 'E0000009', 'Internal Server Error');
        if (page2Calls === 2) return oktaError(503, 'E0000010', 'Service unavailable');
        return json(200, pageOf(2, 2), nextLink(server.origin, 'p3'));
      }
      return json(200, pageOf(4, 1));
    });
    const { output } = await run('list_users', { fetch_all: true, limit: 2 }, { maxRetries: 2 });
    expect((output as { users: Array<{ id: string }> }).users.map((u) => u.id)).toEqual(['u0', 'u1', 'u2', 'u3', 'u4']);
    expect(output).toMatchObject({ next_page_cursor: null, truncated: false });
    expect(server.hits('GET', '/api/v1/users')).toBe(5);
    const retries = server.seen.filter((r) => r.headers['x-okta-retry-count']);
    expect(retries.map((r) => r.headers['x-okta-retry-count'])).toEqual(['1', '2']);
    expect(retries.every((r) => r.headers['x-okta-retry-for'] === 'req-E0000009')).toBe(true);
  });

  test('5xx on a POST (create_user) is never re-sent', async () => {
    server.on('POST', '/api/v1/users', oktaError(503, 'E0000010', 'Service unavailable'));
    const { error } = await run('create_user', newUser, { maxRetries: 3 });
    expect(error).toMatchObject({ type: 'api_error', status: 503, retryable: false, okta: { errorCode: 'E0000010' }, message: expect.stringContaining('may have acted') });
    expect(server.hits('POST', '/api/v1/users')).toBe(1);
  });

  // The fault server's Date has whole seconds and its reset is one second later, so the headers imply a
  // wait of exactly 1 000 ms; the jitter adds at most 250 ms + 10 %.
  test('429 with X-Rate-Limit-Reset: the retry policy waits until the reset (against Date), then succeeds with retry headers', async () => {
    server.on('GET', '/api/v1/users/limited-once', sequence(rateLimited(1), json(200, user('limited-once'))));
    const logs: LogEntry[] = [];
    const { output, ms } = await run('get_user', { user_id: 'limited-once' }, { logger: (e: LogEntry) => logs.push(e) });
    expect(output).toEqual(user('limited-once'));
    const retries = logs.filter((e) => e.event === 'retry');
    expect(retries).toEqual([expect.objectContaining({ attempt: 0, message: 'HTTP 429' })]);
    expect(retries[0].waitMs).toBeGreaterThanOrEqual(1_000);
    expect(retries[0].waitMs).toBeLessThanOrEqual(1_350);
    expect(ms).toBeGreaterThanOrEqual(retries[0].waitMs! - 5);
    expect(ms).toBeLessThan(3_500);
    const [, retry] = server.seen;
    expect(retry.headers).toMatchObject({ 'x-okta-retry-for': 'req-E0000047', 'x-okta-retry-count': '1' });
  });

  test('429 without any rate-limit header: backs off at least the policy minimum (500 ms), then succeeds', async () => {
    server.on('GET', '/api/v1/users/limited-bare', sequence(oktaError(429, 'E0000047', 'API call exceeded rate limit'), json(200, user('limited-bare'))));
    const logs: LogEntry[] = [];
    const { output, ms } = await run('get_user', { user_id: 'limited-bare' }, { logger: (e: LogEntry) => logs.push(e) });
    expect(output).toEqual(user('limited-bare'));
    const retries = logs.filter((e) => e.event === 'retry');
    expect(retries).toHaveLength(1);
    expect(retries[0].waitMs).toBeGreaterThanOrEqual(500);
    expect(retries[0].waitMs).toBeLessThanOrEqual(500 + 250 + 50);
    expect(ms).toBeGreaterThanOrEqual(500 - 5);
    expect(ms).toBeLessThan(2_000);
    expect(server.hits('GET', '/api/v1/users/limited-bare')).toBe(2);
  });

  test('429 every time: rate_limited after maxRetries, saying when to retry', async () => {
    server.on('GET', '/api/v1/users/limited-always', () => rateLimited(1));
    const { error, ms } = await run('get_user', { user_id: 'limited-always' }, { maxRetries: 1 });
    expect(error).toMatchObject({ type: 'rate_limited', status: 429, retryable: true, okta: { errorCode: 'E0000047' } });
    // Reset one second after Date, plus jitter: 1 000–1 350 ms, rounded up.
    expect([1, 2]).toContain(error?.retryAfterSeconds);
    expect(server.hits('GET', '/api/v1/users/limited-always')).toBe(2);
    expect(ms).toBeLessThan(4_000);
  });

  test("the caller's AbortSignal ends a wait for a rate-limit reset at once", async () => {
    server.on('GET', '/api/v1/users/limited-cancel', rateLimited(5));
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    const { error, ms } = await run('get_user', { user_id: 'limited-cancel' }, { signal: controller.signal });
    expect(error).toMatchObject({ type: 'timeout', message: 'The call was cancelled by the caller' });
    expect(ms).toBeLessThan(1_000);
    expect(server.hits('GET', '/api/v1/users/limited-cancel')).toBe(1);
  });

  test('429 whose reset is after the deadline fails at once as rate_limited', async () => {
    server.on('GET', '/api/v1/users/limited-long', rateLimited(60));
    const { error, ms } = await run('get_user', { user_id: 'limited-long' }, { timeoutMs: 3_000 });
    expect(error).toMatchObject({ type: 'rate_limited', retryable: true });
    // Sixty seconds after Date, plus at most 250 ms + 10 % of jitter.
    expect(error?.retryAfterSeconds).toBeGreaterThanOrEqual(60);
    expect(error?.retryAfterSeconds).toBeLessThanOrEqual(67);
    expect(ms).toBeLessThan(1_000);
    expect(server.hits('GET', '/api/v1/users/limited-long')).toBe(1);
  });
});

describe('oversized bodies', () => {
  const TEN_MB = 10 * 1024 * 1024;

  test('raw_http_request refuses a body over its 10 MB cap', async () => {
    server.on('GET', '/api/v1/users/big-raw', { kind: 'big', status: 200, bytes: TEN_MB + 1024 });
    const { error, output } = await run('raw_http_request', { method: 'GET', path: '/api/v1/users/big-raw' });
    expect(output).toBeUndefined();
    expect(error).toMatchObject({ type: 'api_error', retryable: false, message: `Okta's response exceeded the ${TEN_MB}-byte limit` });
    expect(server.hits('GET', '/api/v1/users/big-raw')).toBe(1);
  });

  test('a request body over 10 MiB is refused before a byte is sent', async () => {
    server.on('POST', '/api/v1/groups', json(200, {}));
    // Within the input limits (each string under 64 Ki characters), over the 10 MiB one request may carry.
    const body = { items: Array.from({ length: 170 }, () => 'x'.repeat(62_000)) };
    const { error } = await run('raw_http_request', { method: 'POST', path: '/api/v1/groups', body });
    expect(error).toMatchObject({ type: 'user_input_error', fields: ['body'], message: expect.stringContaining(`over the ${TEN_MB}-byte limit`) });
    expect(server.hits('POST', '/api/v1/groups')).toBe(0);
  });

  test('a typed operation reads a 10 MB body (under the 50 MB default cap) whole', async () => {
    server.on('GET', '/api/v1/users/big-ok', { kind: 'big', status: 200, bytes: TEN_MB });
    const { output } = await run('get_user', { user_id: 'big-ok' });
    expect(JSON.stringify(output)).toHaveLength(TEN_MB);
  });

  test('a typed operation refuses a body over the 50 MB default cap', async () => {
    server.on('GET', '/api/v1/users/big-default', { kind: 'big', status: 200, bytes: 50 * 1024 * 1024 + 1 });
    const { error } = await run('get_user', { user_id: 'big-default' }, { maxRetries: 2 });
    expect(error).toMatchObject({ type: 'api_error', retryable: false, message: `Okta's response exceeded the ${50 * 1024 * 1024}-byte limit` });
    expect(server.hits('GET', '/api/v1/users/big-default')).toBe(1);
  }, 30_000); // streaming 50 MB over loopback takes seconds on a loaded 2-core machine
});

describe('hostile Link headers', () => {
  test('a next link equal to self ends the walk after one request', async () => {
    const self = `${server.origin}/api/v1/users?limit=2`;
    server.on('GET', '/api/v1/users', json(200, pageOf(0, 2), { Link: `<${self}>; rel="self", <${self}>; rel="next"` }));
    const { output } = await run('list_users', { fetch_all: true, limit: 2 });
    expect(output).toEqual({ users: pageOf(0, 2), next_page_cursor: null, truncated: false });
    expect(server.hits('GET', '/api/v1/users')).toBe(1);
  });

  test('a next link that loops back to an earlier page ends the walk', async () => {
    server.on('GET', '/api/v1/users', (req) => {
      const after = new URL(req.path, server.origin).searchParams.get('after');
      return after === 'b' ? json(200, pageOf(2, 2), nextLink(server.origin, 'a')) : json(200, pageOf(0, 2), nextLink(server.origin, after === 'a' ? 'b' : 'a'));
    });
    const { output } = await run('list_users', { fetch_all: true, limit: 2 });
    expect((output as { users: unknown[] }).users).toHaveLength(6);
    expect(server.hits('GET', '/api/v1/users')).toBe(3);
  });

  test('a next link to another host is never followed: api_error, and the other host gets nothing', async () => {
    server.on('GET', '/api/v1/users', json(200, pageOf(0, 2), nextLink(elsewhere.origin, 'stolen')));
    elsewhere.on('GET', '/api/v1/users', json(200, pageOf(2, 2)));
    const { error } = await run('list_users', { fetch_all: true, limit: 2 });
    expect(error).toMatchObject({ type: 'api_error', message: expect.stringContaining('off the org host') });
    expect(elsewhere.seen).toHaveLength(0);
  });
});

describe('raw_http_request passes Okta errors through', () => {
  test('a GET 503 burst is retried, then the answer is returned as output', async () => {
    server.on('GET', '/api/v1/groups', sequence(oktaError(503, 'E0000010', 'Service unavailable'), json(200, [])));
    const { output } = await run('raw_http_request', { method: 'GET', path: '/api/v1/groups' });
    expect(output).toMatchObject({ status_code: 200, body: [] });
    expect(server.hits('GET', '/api/v1/groups')).toBe(2);
  });

  test('a POST 503 is returned as output, sent once', async () => {
    server.on('POST', '/api/v1/groups', oktaError(503, 'E0000010', 'Service unavailable'));
    const { output } = await run('raw_http_request', { method: 'POST', path: '/api/v1/groups', body: { profile: { name: 'x' } } }, { maxRetries: 3 });
    expect(output).toMatchObject({ status_code: 503, body: { errorCode: 'E0000010' } });
    expect(server.hits('POST', '/api/v1/groups')).toBe(1);
  });
});
