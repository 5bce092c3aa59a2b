import nock from 'nock';
import { ApiGatewayV1Event, ApiGatewayV2Event, createLambdaHandler, handler, lambdaHandlerFromEnv } from '../../src/server/lambda';
import { CallerKeys } from '../../src/server/caller-keys';
import { RequestLogEntry } from '../../src/server/request-log';
import { readJson } from '../../src/core/package-files';
import { SAMPLE_AUTH, SAMPLE_ORG, SAMPLE_TOKEN } from '../support/sample-harness';
import { heldReply, sharedCatalog } from './support/test-server';

const KEY = 'lambda-test-caller-key-0123456789';
/** A fixture event, sent with the caller key unless told otherwise. */
const fixture = <T extends { headers?: unknown }>(name: string, authorization = `Bearer ${KEY}`): T => {
  const event = readJson<T>(`${__dirname}/fixtures/${name}.json`);
  return { ...event, headers: { ...(event.headers as object), Authorization: authorization } };
};
const USER = { id: '00ub0oNGTSWTBKOLGLNR', status: 'ACTIVE', profile: { login: 'isaac.brock@example.com', email: 'isaac.brock@example.com' } };

const logs: RequestLogEntry[] = [];
const lambda = createLambdaHandler({ catalog: sharedCatalog, tenancy: 'multi', keys: new CallerKeys([`platform:${KEY}`]), logger: (entry) => logs.push(entry) });

beforeAll(() => nock.disableNetConnect());
beforeEach(() => (logs.length = 0));
let held = heldReply(200, USER);
beforeEach(() => (held = heldReply(200, USER)));
afterEach(() => {
  held.release();
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

test('REST API (v1) event: a successful get_user', async () => {
  nock(SAMPLE_ORG, { reqheaders: { authorization: `SSWS ${SAMPLE_TOKEN}` } }).get('/api/v1/users/isaac.brock%40example.com').reply(200, USER);
  const result = await lambda(fixture<ApiGatewayV1Event>('apigw-v1-get-user'), { getRemainingTimeInMillis: () => 29_000 });
  expect(result).toEqual({
    statusCode: 200,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    body: JSON.stringify({ outcome: 'success', output: USER }),
    isBase64Encoded: false,
  });
  expect(logs).toEqual([expect.objectContaining({ method: 'POST', route: '/operations/{name}/call', caller: 'platform', operation: 'get_user', status: 200 })]);
});

test('HTTP API (v2) event on a named stage with a base64 body: an Okta 403 is a 403 error envelope', async () => {
  nock(SAMPLE_ORG)
    .get('/api/v1/users/00u_forbidden')
    .reply(403, { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action', errorLink: 'E0000006', errorId: 'oaeJ8GQQyaCQGiXP-n9hHz1Ag', errorCauses: [] });
  const result = await lambda(fixture<ApiGatewayV2Event>('apigw-v2-get-user-forbidden'));
  expect(result.statusCode).toBe(403);
  expect(JSON.parse(result.body)).toMatchObject({ outcome: 'error', error: { type: 'permission_error', status: 403, okta: { errorCode: 'E0000006' } } });
  expect(result.body).not.toContain(SAMPLE_TOKEN);
});

test('HTTP API (v2) event on the $default stage: healthz', async () => {
  const result = await lambda(fixture<ApiGatewayV2Event>('apigw-v2-healthz'));
  expect(result).toMatchObject({ statusCode: 200, body: JSON.stringify({ status: 'ok' }) });
});

test('the same error contract as the HTTP server: 404, 405, 400, 413', async () => {
  const v1 = fixture<ApiGatewayV1Event>('apigw-v1-get-user');
  const cases: Array<[Partial<ApiGatewayV1Event>, number]> = [
    [{ path: '/operations/no_such_op/call' }, 404],
    [{ httpMethod: 'GET' }, 405],
    [{ body: '{"input":' }, 400],
    [{ body: JSON.stringify({ input: { user_id: 'x'.repeat(1024 * 1024) }, auth: SAMPLE_AUTH }) }, 413],
  ];
  for (const [change, status] of cases) {
    const result = await lambda({ ...v1, ...change });
    expect([change, result.statusCode]).toEqual([change, status]);
    expect(JSON.parse(result.body)).toMatchObject({ outcome: 'error', error: { type: 'user_input_error' } });
  }
});

test('an operation still running when the Lambda is about to time out is answered with a 504', async () => {
  nock(SAMPLE_ORG).get('/api/v1/users/isaac.brock%40example.com').reply(held.reply);
  const started = Date.now();
  const result = await lambda(fixture<ApiGatewayV1Event>('apigw-v1-get-user'), { getRemainingTimeInMillis: () => 1_300 });
  expect(Date.now() - started).toBeLessThan(2_500);
  expect(result.statusCode).toBe(504);
  expect(JSON.parse(result.body)).toMatchObject({ outcome: 'error', error: { type: 'timeout' } });
});

test('without the caller key, or with a wrong one, it is a 401 with WWW-Authenticate, and Okta gets nothing', async () => {
  for (const authorization of ['', `Bearer ${KEY}x`, `Basic ${KEY}`]) {
    const response = await lambda(fixture<ApiGatewayV1Event>('apigw-v1-get-user', authorization));
    expect([authorization, response.statusCode]).toEqual([authorization, 401]);
    expect(response.headers['WWW-Authenticate']).toMatch(/^Bearer realm="okta-connector"/);
    expect(JSON.parse(response.body)).toMatchObject({ outcome: 'error', error: { type: 'auth_error' } });
  }
  // healthz needs no key
  expect((await lambda(fixture<ApiGatewayV2Event>('apigw-v2-healthz', ''))).statusCode).toBe(200);
});

describe('events it cannot read are a 400 that quotes nothing back', () => {
  const v1 = fixture<ApiGatewayV1Event>('apigw-v1-get-user');
  const v2 = fixture<ApiGatewayV2Event>('apigw-v2-healthz');
  const huge = `/${'p'.repeat(1024 * 1024)}`;
  test.each<[string, unknown]>([
    ['{}', {}],
    ['null', null],
    ['a string', 'GET /healthz'],
    ['an array', [v1]],
    ['v1 without httpMethod', { ...v1, httpMethod: undefined }],
    ['v1 with a numeric httpMethod', { ...v1, httpMethod: 7 }],
    ['v1 without path', { ...v1, path: undefined }],
    ['v2 without requestContext.http', { ...v2, requestContext: { stage: '$default' }, httpMethod: undefined }],
    ['v2 with a non-object http', { ...v2, requestContext: { http: 'GET', stage: '$default' } }],
    ['a non-string body', { ...v1, body: { input: {} } }],
    ['a non-string header', { ...v1, headers: { 'content-type': ['application/json'] } }],
    ['non-object headers', { ...v1, headers: 'content-type: application/json' }],
    ['a non-boolean isBase64Encoded', { ...v1, isBase64Encoded: 'yes' }],
    ['a 1 MB path', { ...v1, path: huge }],
  ])('%s', async (_what, event) => {
    const result = await lambda(event);
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body)).toMatchObject({ outcome: 'error', error: { type: 'user_input_error', message: expect.stringMatching(/^Bad request: /) } });
    expect(result.body.length).toBeLessThan(300);
  });

  test('a 1 MB path v2 event is not echoed either', async () => {
    const result = await lambda({ ...v2, rawPath: huge, requestContext: { ...v2.requestContext, http: { method: 'GET', path: huge } } });
    expect(result.statusCode).toBe(400);
    expect(result.body.length).toBeLessThan(300);
  });

  test('an unknown path within the limit is quoted at most 100 characters', async () => {
    const result = await lambda({ ...v1, httpMethod: 'GET', path: `/${'q'.repeat(2_000)}` });
    expect(result.statusCode).toBe(404);
    expect(result.body.length).toBeLessThan(300);
  });
});

describe('the exported handler reads its settings from the environment', () => {
  const saved = { ...process.env };
  beforeEach(() => {
    for (const name of Object.keys(process.env).filter((key) => key.startsWith('OKTA_') || key.startsWith('CONNECTOR_'))) delete process.env[name];
  });
  afterEach(() => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  });

  test('without caller keys every request is a 503 saying what to set', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const unconfigured = lambdaHandlerFromEnv({ OKTA_DOMAIN: 'acme.okta.com', OKTA_API_TOKEN: SAMPLE_TOKEN });
      const result = await unconfigured(fixture<ApiGatewayV1Event>('apigw-v1-get-user'));
      expect(result.statusCode).toBe(503);
      expect(JSON.parse(result.body).error.message).toContain('CONNECTOR_API_KEYS');
      expect(result.body).not.toContain(SAMPLE_TOKEN);
    } finally {
      stderr.mockRestore();
    }
  });

  test('single org: the credential from the environment, the caller named in the one stderr line, no input in it', async () => {
    Object.assign(process.env, { OKTA_DOMAIN: 'acme.okta.com', OKTA_API_TOKEN: SAMPLE_TOKEN, CONNECTOR_API_KEYS: `ops:${KEY}` });
    nock(SAMPLE_ORG, { reqheaders: { authorization: `SSWS ${SAMPLE_TOKEN}` } }).get('/api/v1/users/00u1secretmarker').reply(200, USER, { 'X-Okta-Request-Id': 'reqLambda1' });
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const result = await handler({ ...fixture<ApiGatewayV1Event>('apigw-v1-get-user'), body: JSON.stringify({ input: { user_id: '00u1secretmarker' } }) });
      expect(result.statusCode).toBe(200);
      expect(stderr).toHaveBeenCalledTimes(1);
      const line = String(stderr.mock.calls[0][0]);
      expect(JSON.parse(line)).toMatchObject({ event: 'http_request', caller: 'ops', operation: 'get_user', outcome: 'success', oktaRequestId: 'reqLambda1', status: 200 });
      for (const secret of ['00u1secretmarker', KEY, SAMPLE_TOKEN]) expect(line).not.toContain(secret);
    } finally {
      stderr.mockRestore();
    }
  });
});
