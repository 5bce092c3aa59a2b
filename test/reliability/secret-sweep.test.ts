import { handleMessage, invoke } from '../../src';
import { LogEntry } from '../../src/core/call-options';
import { ConnectorError } from '../../src/core/errors';
import { FaultServer, json, oktaError, rateLimited, sequence } from '../support/fault-server';

// A recognisable credential: if any piece of it shows up in a log entry, an error, an output or the
// console, this sweep fails.
const TOKEN = 'SWEEPtok00Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St';
const FORBIDDEN = [TOKEN, `SSWS ${TOKEN}`, ...[0, 8, 16, 24].map((i) => TOKEN.slice(i, i + 14))];

let server: FaultServer;
let auth: { domain: string; api_token: string };
const logs: LogEntry[] = [];
const captured: string[] = [];
const consoleLines: string[] = [];
const logger = (entry: LogEntry) => logs.push(entry);

beforeAll(async () => {
  server = await new FaultServer().start();
  auth = { domain: server.origin, api_token: TOKEN };
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      consoleLines.push(args.map(String).join(' '));
    });
  }
});
afterAll(async () => {
  jest.restoreAllMocks();
  await server.close();
});

function record(value: unknown): void {
  if (value instanceof ConnectorError) {
    captured.push(JSON.stringify(value.toJSON()), value.message, String(value.stack));
  } else if (value instanceof Error) {
    captured.push(value.message, String(value.stack));
  } else {
    captured.push(JSON.stringify(value));
  }
}

/** Runs one call through invoke and through the platform envelope, capturing everything it produced. */
async function sweep(operation: string, input: unknown, options: Record<string, unknown> = {}, callAuth: unknown = auth): Promise<{ output?: unknown; error?: ConnectorError }> {
  let result: { output?: unknown; error?: ConnectorError };
  try {
    result = { output: await invoke(operation, input, { auth: callAuth as never, logger, timeoutMs: 8_000, maxRetries: 1, ...options }) };
    record(result.output);
  } catch (error) {
    record(error);
    result = { error: error as ConnectorError };
  }
  record(await handleMessage({ operation, input, auth: callAuth, options: { timeoutMs: 8_000, maxRetries: 0, requestTimeoutMs: options.requestTimeoutMs as number | undefined } }, { logger }));
  return result;
}

const user = { id: '00ub0oNGTSWTBKOLGLNR', status: 'ACTIVE', profile: { login: 'isaac.brock@example.com', email: 'isaac.brock@example.com' } };

describe('nothing of the credential escapes', () => {
  test('a broad set of failing and succeeding calls', async () => {
    const outcomes: Record<string, string> = {};
    const note = (name: string, r: { output?: unknown; error?: ConnectorError }) => {
      outcomes[name] = r.error ? r.error.type : 'output';
    };

    server.on('GET', '/api/v1/users/ok', json(200, user, { 'X-Okta-Request-Id': 'req-ok' }));
    note('200', await sweep('get_user', { user_id: 'ok' }));

    server.on('GET', '/api/v1/users', (req) =>
      new URL(req.path, server.origin).searchParams.get('after')
        ? json(200, [user])
        : json(200, [user], { Link: `<${server.origin}/api/v1/users?limit=1&after=p2>; rel="next"` }));
    note('paged list', await sweep('list_users', { fetch_all: true, limit: 1 }));

    server.on('GET', '/api/v1/users/bad-token', oktaError(401, 'E0000011', 'Invalid token provided', { 'WWW-Authenticate': 'SSWS realm="Okta"' }));
    note('401', await sweep('get_user', { user_id: 'bad-token' }));

    // A proxy in front of Okta that quotes the request's Authorization header back in its error.
    server.on('GET', '/api/v1/users/echo-401', (req) => oktaError(401, 'E0000011', `Invalid token provided: ${String(req.headers.authorization)}`));
    note('401 echoing the header', await sweep('get_user', { user_id: 'echo-401' }));

    server.on('GET', '/api/v1/users/forbidden', oktaError(403, 'E0000006', 'You do not have permission to perform the requested action'));
    note('403', await sweep('get_user', { user_id: 'forbidden' }));

    server.on('GET', '/api/v1/users/missing', oktaError(404, 'E0000007', 'Not found: Resource not found: missing (User)'));
    note('404', await sweep('get_user', { user_id: 'missing' }));

    server.on('GET', '/api/v1/users/limited', () => rateLimited(1));
    note('429 after retries', await sweep('get_user', { user_id: 'limited' }));

    server.on('GET', '/api/v1/users/broken', oktaError(500, 'E0000009', 'Internal Server Error'));
    note('500 GET', await sweep('get_user', { user_id: 'broken' }));

    server.on('POST', '/api/v1/users', oktaError(503, 'E0000010', 'Service unavailable'));
    note('503 POST', await sweep('create_user', { profile: { login: 'a@example.com', email: 'a@example.com', firstName: 'A', lastName: 'B' } }));

    server.on('GET', '/api/v1/users/slow', { kind: 'slowHeaders', delayMs: 3_000, then: json(200, user) });
    note('timeout', await sweep('get_user', { user_id: 'slow' }, { requestTimeoutMs: 200 }));

    server.on('GET', '/api/v1/users/reset', { kind: 'resetBeforeHeaders' });
    note('network error', await sweep('get_user', { user_id: 'reset' }));

    server.on('GET', '/api/v1/users/cut', { kind: 'cutMidBody', how: 'close', status: 200, partial: '{"id":"00u', declaredLength: 300 });
    note('cut mid-body', await sweep('get_user', { user_id: 'cut' }));

    server.on('GET', '/api/v1/users/garbled', sequence({ kind: 'text', status: 200, body: '{"id":', contentType: 'application/json' }));
    note('malformed JSON', await sweep('get_user', { user_id: 'garbled' }));

    note('validation error', await sweep('get_user', { user_id: '', unknown: 1 }));
    note('api_token with a line break', await sweep('get_user', { user_id: 'ok' }, {}, { domain: server.origin, api_token: `${TOKEN}\r\nX: y` }));
    note('plain-http domain', await sweep('get_user', { user_id: 'ok' }, {}, { domain: 'http://acme.example.com', api_token: TOKEN }));

    server.on('GET', '/api/v1/echo', { kind: 'echo' });
    const echoed = await sweep('raw_http_request', { method: 'GET', path: '/api/v1/echo', headers: { 'X-Trace': 'sweep' } });
    note('raw echo', echoed);
    // The echo did carry the credential back; the connector masked it.
    expect(echoed.output).toMatchObject({ headers: { 'x-echo-authorization': 'SSWS [redacted]' }, body: { headers: { authorization: 'SSWS [redacted]' } } });
    note('raw Authorization header refused', await sweep('raw_http_request', { method: 'GET', path: '/api/v1/echo', headers: { Authorization: `SSWS ${TOKEN}` } }));
    server.on('POST', '/api/v1/echo', { kind: 'echo' });
    note('raw echo POST', await sweep('raw_http_request', { method: 'POST', path: '/api/v1/echo', body: { hello: 'world' } }));

    expect(outcomes).toEqual({
      '200': 'output',
      'paged list': 'output',
      '401': 'auth_error',
      '401 echoing the header': 'auth_error',
      '403': 'permission_error',
      '404': 'user_input_error',
      '429 after retries': 'rate_limited',
      '500 GET': 'api_error',
      '503 POST': 'api_error',
      timeout: 'timeout',
      'network error': 'api_error',
      'cut mid-body': 'api_error',
      'malformed JSON': 'api_error',
      'validation error': 'user_input_error',
      'api_token with a line break': 'user_input_error',
      'plain-http domain': 'user_input_error',
      'raw echo': 'output',
      'raw Authorization header refused': 'user_input_error',
      'raw echo POST': 'output',
    });

    // The sweep means something only if the credential really went over the wire.
    expect(server.seen.filter((r) => r.headers.authorization === `SSWS ${TOKEN}`).length).toBeGreaterThan(20);
    expect(logs.length).toBeGreaterThan(20);

    const everything = [...captured, ...logs.map((e) => JSON.stringify(e)), ...consoleLines];
    for (const secret of FORBIDDEN) {
      const leaks = everything.filter((text) => text.includes(secret));
      expect({ secret, leaks }).toEqual({ secret, leaks: [] });
    }
    for (const entry of logs) expect(Object.keys(entry).map((k) => k.toLowerCase())).not.toContain('authorization');
  }, 60_000);
});
