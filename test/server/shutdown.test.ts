import nock from 'nock';
import { SAMPLE_AUTH, SAMPLE_ORG } from '../support/sample-harness';
import { allowOnlyLocalhost, eventually, heldReply, postJson, startTestServer } from './support/test-server';

const USER = { id: '00ub0oNGTSWTBKOLGLNR', status: 'ACTIVE', profile: { login: 'isaac.brock@example.com' } };

beforeAll(allowOnlyLocalhost);
let held = heldReply(200, USER);
beforeEach(() => (held = heldReply(200, USER)));
afterEach(() => {
  held.release();
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

/** Resolves when Okta (nock) has received the request, so the call is surely in flight. */
const oktaReceived = (scope: nock.Scope) => new Promise<void>((resolve) => scope.once('request', () => resolve()));

test('close() stops accepting new connections but lets an in-flight call finish', async () => {
  const server = await startTestServer();
  const scope = nock(SAMPLE_ORG).get('/api/v1/users/00ub0oNGTSWTBKOLGLNR').delay(400).reply(200, USER);
  const inFlight = postJson(`${server.url}/operations/get_user/call`, { input: { user_id: '00ub0oNGTSWTBKOLGLNR' }, auth: SAMPLE_AUTH });
  await oktaReceived(scope);

  let closed = false;
  const closing = server.close(5_000).then(() => (closed = true));
  await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  expect(closed).toBe(false);

  const res = await inFlight;
  expect(res.status).toBe(200);
  expect(res.headers.get('connection')).toBe('close');
  await expect(res.json()).resolves.toEqual({ outcome: 'success', output: USER });
  await closing;
  expect(server.server.listening).toBe(false);
});

test('past the grace period an in-flight call is aborted and answered with a timeout', async () => {
  const server = await startTestServer();
  const scope = nock(SAMPLE_ORG).get('/api/v1/users/00u_slow').reply(held.reply);
  const inFlight = postJson(`${server.url}/operations/get_user/call`, { input: { user_id: '00u_slow' }, auth: SAMPLE_AUTH });
  await oktaReceived(scope);
  const started = Date.now();
  await server.close(200);
  expect(Date.now() - started).toBeLessThan(3_000);
  const res = await inFlight;
  expect(res.status).toBe(504);
  await expect(res.json()).resolves.toMatchObject({ outcome: 'error', error: { type: 'timeout' } });
});

test('a client that disconnects aborts its operation call', async () => {
  const server = await startTestServer();
  try {
    const scope = nock(SAMPLE_ORG).get('/api/v1/users/00u_slow').reply(held.reply);
    const client = new AbortController();
    const inFlight = postJson(`${server.url}/operations/get_user/call`, { input: { user_id: '00u_slow' }, auth: SAMPLE_AUTH }, { signal: client.signal });
    await oktaReceived(scope);
    client.abort();
    await expect(inFlight).rejects.toThrow();
    await eventually(() => server.logs.length === 1);
    expect(server.logs[0]).toMatchObject({ route: '/operations/{name}/call', status: 504, errorType: 'timeout' });
    expect(server.logs[0].durationMs).toBeLessThan(3_000);
  } finally {
    await server.close(1_000);
  }
});
