import nock from 'nock';
import { ApiGatewayV1Event, ApiGatewayV2Event, createLambdaHandler, handler } from '../../src/server/lambda';
import { RequestLogEntry } from '../../src/server/request-log';
import { readJson } from '../../src/core/package-files';
import { SAMPLE_AUTH, SAMPLE_ORG, SAMPLE_TOKEN } from '../support/sample-harness';
import { heldReply, sharedCatalog } from './support';

const fixture = <T>(name: string): T => readJson<T>(`${__dirname}/fixtures/${name}.json`);
const USER = { id: '00ub0oNGTSWTBKOLGLNR', status: 'ACTIVE', profile: { login: 'isaac.brock@example.com', email: 'isaac.brock@example.com' } };

const logs: RequestLogEntry[] = [];
const lambda = createLambdaHandler({ catalog: sharedCatalog, logger: (entry) => logs.push(entry) });

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
  expect(logs).toEqual([expect.objectContaining({ method: 'POST', route: '/operations/{name}/call', operation: 'get_user', status: 200 })]);
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

test('the exported handler uses the credential from the environment (none here: 401)', async () => {
  for (const name of Object.keys(process.env).filter((key) => key.startsWith('OKTA_'))) delete process.env[name];
  const body = JSON.stringify({ input: { user_id: '00u1' } });
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const result = await handler({ ...fixture<ApiGatewayV1Event>('apigw-v1-get-user'), body });
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body)).toMatchObject({ outcome: 'error', error: { type: 'auth_error' } });
    // The default logger: one JSON line on stderr (CloudWatch), without the input.
    expect(stderr).toHaveBeenCalledTimes(1);
    const line = String(stderr.mock.calls[0][0]);
    expect(JSON.parse(line)).toMatchObject({ event: 'http_request', route: '/operations/{name}/call', status: 401 });
    expect(line).not.toContain('00u1');
  } finally {
    stderr.mockRestore();
  }
});
