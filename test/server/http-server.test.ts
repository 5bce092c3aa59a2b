import http from 'node:http';
import nock from 'nock';
import { SAMPLE_AUTH, SAMPLE_ORG, SAMPLE_TOKEN } from '../support/sample-harness';
import { allowOnlyLocalhost, postJson, startTestServer, TestServer } from './support/test-server';

const USER = {
  id: '00ub0oNGTSWTBKOLGLNR',
  status: 'ACTIVE',
  created: '2013-06-24T16:39:18.000Z',
  profile: { firstName: 'Isaac', lastName: 'Brock', email: 'isaac.brock@example.com', login: 'isaac.brock@example.com' },
  _links: { self: { href: 'https://acme.okta.com/api/v1/users/00ub0oNGTSWTBKOLGLNR' } },
};
const oktaError = (errorCode: string, errorSummary: string) => ({ errorCode, errorSummary, errorLink: errorCode, errorId: 'oaeJ8GQQyaCQGiXP-n9hHz1Ag', errorCauses: [] });

let server: TestServer;

beforeAll(async () => {
  allowOnlyLocalhost();
  server = await startTestServer();
});
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(async () => {
  await server.close();
  nock.enableNetConnect();
});

const call = (op: string, body: unknown) => postJson(`${server.url}/operations/${op}/call`, body);

describe('read routes', () => {
  test('GET /healthz', async () => {
    const res = await fetch(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    await expect(res.json()).resolves.toEqual({ status: 'ok' });
  });

  test('GET /connector is the platform bundle: connector metadata and every operation, schemas dereferenced', async () => {
    const res = await fetch(`${server.url}/connector`);
    expect(res.status).toBe(200);
    const bundle = await res.json();
    expect(bundle).toMatchObject({ name: 'okta', auth: expect.any(Array) });
    const getUser = bundle.operations.find((op: { name: string }) => op.name === 'get_user');
    expect(getUser).toMatchObject({ type: 'public', scopes: ['okta.users.read'], input_schema: { title: 'Get User Input' } });
    expect(bundle.operations.some((op: { type: string }) => op.type === 'ddl')).toBe(true);
    expect(JSON.stringify(bundle)).not.toContain('"$ref"');
  });

  test('GET /operations/{name} gives metadata, dereferenced schemas and samples', async () => {
    const res = await fetch(`${server.url}/operations/get_user`);
    expect(res.status).toBe(200);
    const described = await res.json();
    expect(described).toMatchObject({ name: 'get_user', title: expect.any(String), output_schema: expect.any(Object), samples: { success: { input: expect.any(Object) } } });
    expect(JSON.stringify(described.output_schema)).not.toContain('"$ref"');
  });

  test.each([['GET', '/operations/no_such_op'], ['POST', '/operations/no_such_op/call']])('%s %s is a 404 JSON error', async (method, path) => {
    const res = await fetch(`${server.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
    expect(res.status).toBe(404);
    await expect(res.json()).resolves.toMatchObject({ outcome: 'error', error: { type: 'user_input_error', message: 'Unknown operation "no_such_op"' } });
  });

  test.each(['/', '/nope', '/operations', '/operations/get_user/call/extra', '/healthz/'])('unknown path %s is a 404 JSON error', async (path) => {
    const res = await fetch(`${server.url}${path}`);
    expect(res.status).toBe(404);
    await expect(res.json()).resolves.toMatchObject({ outcome: 'error', error: { message: expect.stringContaining('No route') } });
  });

  test.each([
    ['POST', '/healthz', 'GET'],
    ['DELETE', '/connector', 'GET'],
    ['PUT', '/operations/get_user', 'GET'],
    ['GET', '/operations/get_user/call', 'POST'],
  ])('%s %s is a 405 naming the allowed method', async (method, path, allow) => {
    const res = await fetch(`${server.url}${path}`, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe(allow);
    await expect(res.json()).resolves.toMatchObject({ outcome: 'error', error: { message: expect.stringContaining(`use ${allow}`) } });
  });
});

describe('POST /operations/{name}/call', () => {
  test('a successful get_user is 200 with the output', async () => {
    nock(SAMPLE_ORG, { reqheaders: { authorization: `SSWS ${SAMPLE_TOKEN}` } })
      .get('/api/v1/users/isaac.brock%40example.com')
      .reply(200, USER, { 'X-Okta-Request-Id': 'reqAbc123' });
    const res = await call('get_user', { input: { user_id: 'isaac.brock@example.com' }, auth: SAMPLE_AUTH });
    expect(res.status).toBe(200);
    await expect(res.json()).resolves.toEqual({ outcome: 'success', output: USER });
  });

  test('a DDL operation is called the same way', async () => {
    nock(SAMPLE_ORG).get('/api/v1/groups').query(true).reply(200, [{ id: '00g1emaKYZTWRYYRRTSK', profile: { name: 'Engineering' } }]);
    const res = await call('list_groups_ddl', { input: {}, auth: SAMPLE_AUTH });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ outcome: 'success', output: { result: expect.arrayContaining([expect.objectContaining({ value: '00g1emaKYZTWRYYRRTSK' })]) } });
  });

  test('invalid input is a 400 naming the fields, and nothing is sent to Okta', async () => {
    const res = await call('get_user', { input: { userid: '00u1' }, auth: SAMPLE_AUTH });
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toMatchObject({ outcome: 'error', error: { type: 'user_input_error', fields: ['user_id', 'userid'] } });
  });

  test('a multi-tenant service answers a call without auth with a 401 naming the field', async () => {
    const res = await call('get_user', { input: { user_id: '00u1' } });
    expect(res.status).toBe(401);
    await expect(res.json()).resolves.toMatchObject({ outcome: 'error', error: { type: 'auth_error', fields: ['auth'], message: expect.stringContaining('multi-tenant') } });
  });

  test.each([
    [401, 'E0000011', 'Invalid token provided', 401, 'auth_error'],
    [403, 'E0000006', 'You do not have permission to perform the requested action', 403, 'permission_error'],
    [500, 'E0000009', 'Internal Server Error', 502, 'api_error'],
  ])('Okta %i %s (%s) becomes HTTP %i %s', async (oktaStatus, code, summary, status, type) => {
    nock(SAMPLE_ORG).get('/api/v1/users/00u1').reply(oktaStatus, oktaError(code, summary), { 'X-Okta-Request-Id': 'reqErr1' });
    const res = await call('get_user', { input: { user_id: '00u1' }, auth: SAMPLE_AUTH, options: { maxRetries: 0 } });
    expect(res.status).toBe(status);
    const body = await res.json();
    expect(body).toMatchObject({ outcome: 'error', error: { type, status: oktaStatus, okta: { errorCode: code }, requestId: 'reqErr1' } });
    expect(JSON.stringify(body)).not.toContain(SAMPLE_TOKEN);
  });

  test('an Okta 429 is a 429 with Retry-After from the rate-limit reset', async () => {
    const now = Date.now();
    nock(SAMPLE_ORG)
      .get('/api/v1/users/00u1')
      .reply(429, oktaError('E0000047', 'API call exceeded rate limit due to too many requests.'), {
        Date: new Date(now).toUTCString(),
        'X-Rate-Limit-Limit': '600',
        'X-Rate-Limit-Remaining': '0',
        'X-Rate-Limit-Reset': String(Math.floor(now / 1000) + 30),
      });
    const res = await call('get_user', { input: { user_id: '00u1' }, auth: SAMPLE_AUTH, options: { maxRetries: 0 } });
    expect(res.status).toBe(429);
    const body = await res.json();
    expect(body).toMatchObject({ outcome: 'error', error: { type: 'rate_limited', retryable: true, retryAfterSeconds: expect.any(Number) } });
    expect(body.error.retryAfterSeconds).toBeGreaterThanOrEqual(25);
    expect(res.headers.get('retry-after')).toBe(String(Math.ceil(body.error.retryAfterSeconds)));
  });

  test('a body over the limit is a 413', async () => {
    const res = await call('get_user', { input: { user_id: 'x'.repeat(1024 * 1024) }, auth: SAMPLE_AUTH });
    expect(res.status).toBe(413);
    await expect(res.json()).resolves.toMatchObject({ outcome: 'error', error: { message: expect.stringContaining('larger than 1048576 bytes') } });
  });

  test('a chunked body over the limit (no Content-Length) is a 413 too', async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const url = new URL(`${server.url}/operations/get_user/call`);
      const req = http.request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST', headers: { 'Content-Type': 'application/json' } }, (res) => {
        let text = '';
        res.on('data', (chunk) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', reject);
      for (let i = 0; i < 20; i++) req.write('x'.repeat(64 * 1024));
      req.end();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ outcome: 'error' });
  });

  test.each([
    ['malformed JSON', '{"input": {', 'not valid JSON', []],
    ['a JSON array', '[]', 'must be a JSON object', []],
    ['an unknown top-level field', '{"input":{},"operation":"delete_user"}', 'Unknown field', ['operation']],
    ['a non-object auth', '{"input":{},"auth":"token"}', 'auth must be an object', ['auth']],
    ['an unknown option', '{"input":{},"options":{"rateLimit":{}}}', 'not a known option', ['options.rateLimit']],
    ['an out-of-range option', '{"input":{},"options":{"maxRetries":99}}', 'from 0 to 10', ['options.maxRetries']],
    ['a dry run that is not a boolean', '{"input":{},"options":{"dryRun":"yes"}}', 'options.dryRun must be true or false', ['options.dryRun']],
  ])('%s is a 400', async (_what, text, message, fields) => {
    const res = await fetch(`${server.url}/operations/get_user/call`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body).toMatchObject({ outcome: 'error', error: { type: 'user_input_error', message: expect.stringContaining(message) } });
    if (fields.length) expect(body.error.fields).toEqual(fields);
  });

  test('a body that is not declared JSON is a 415 (a browser cannot send one without a CORS preflight)', async () => {
    const res = await fetch(`${server.url}/operations/get_user/call`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: JSON.stringify({ input: { user_id: '00u1' }, auth: SAMPLE_AUTH }) });
    expect(res.status).toBe(415);
  });
});

describe('a single-org service', () => {
  let withDefault: TestServer;
  beforeAll(async () => {
    withDefault = await startTestServer({ defaultAuth: SAMPLE_AUTH });
  });
  afterAll(() => withDefault.close());

  test('uses its own credential for every call', async () => {
    nock(SAMPLE_ORG, { reqheaders: { authorization: `SSWS ${SAMPLE_TOKEN}` } }).get('/api/v1/users/00ub0oNGTSWTBKOLGLNR').reply(200, USER);
    const res = await postJson(`${withDefault.url}/operations/get_user/call`, { input: { user_id: '00ub0oNGTSWTBKOLGLNR' } });
    expect(res.status).toBe(200);
  });

  test('refuses a call that brings its own auth, and sends nothing', async () => {
    const res = await postJson(`${withDefault.url}/operations/get_user/call`, {
      input: { user_id: '00ub0oNGTSWTBKOLGLNR' },
      auth: { domain: 'acme.okta.com', api_token: '00OtherCallersToken000000000000000000000' },
    });
    expect(res.status).toBe(400);
    await expect(res.json()).resolves.toMatchObject({ outcome: 'error', error: { type: 'user_input_error', fields: ['auth'], message: expect.stringContaining('acts for one org') } });
  });
});

describe('request logs', () => {
  test('are one entry per request with method, route, operation, status and duration, and nothing from the request', async () => {
    const secretInput = 'isaac.brock.secret.marker@example.com';
    nock(SAMPLE_ORG).get(`/api/v1/users/${encodeURIComponent(secretInput)}`).reply(200, { ...USER, profile: { ...USER.profile, login: secretInput } }, { 'X-Okta-Request-Id': 'reqLog1' });
    nock(SAMPLE_ORG).get('/api/v1/users/00u_forbidden').reply(403, oktaError('E0000006', 'You do not have permission to perform the requested action'), { 'X-Okta-Request-Id': 'reqLog2' });
    const before = server.logs.length;
    await call('get_user', { input: { user_id: secretInput }, auth: SAMPLE_AUTH });
    await call('get_user', { input: { user_id: '00u_forbidden' }, auth: SAMPLE_AUTH, options: { maxRetries: 0 } });
    await fetch(`${server.url}/operations/%3Cscript%3E`);
    const entries = server.logs.slice(before);
    expect(entries).toEqual([
      { level: 'info', event: 'http_request', method: 'POST', route: '/operations/{name}/call', caller: 'anonymous', operation: 'get_user', status: 200, outcome: 'success', durationMs: expect.any(Number), oktaRequests: 1, oktaRequestId: 'reqLog1' },
      { level: 'warn', event: 'http_request', method: 'POST', route: '/operations/{name}/call', caller: 'anonymous', operation: 'get_user', status: 403, outcome: 'error', durationMs: expect.any(Number), errorType: 'permission_error', oktaRequests: 1, oktaRequestId: 'reqLog2' },
      { level: 'warn', event: 'http_request', method: 'GET', route: '/operations/{name}', caller: 'anonymous', status: 404, outcome: 'error', durationMs: expect.any(Number), errorType: 'user_input_error' },
    ]);
    const text = JSON.stringify(entries);
    for (const secret of [SAMPLE_TOKEN, secretInput, '00u_forbidden', 'script', 'acme.okta.com']) expect(text).not.toContain(secret);
  });
});
