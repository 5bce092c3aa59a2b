import http from 'node:http';
import { AddressInfo } from 'node:net';
import { apiTokenProvider } from '../../src/auth/api-token';
import { OktaClient, scopeFor } from '../../src/http/okta-client';
import { failure } from '../support/failure';
import { allowTestOrg } from '../support/test-org-destination';

// nock cannot emulate a reset connection faithfully with axios, so this uses a real socket on loopback.
const TOKEN = 'tok-network-0123456789';
let server: http.Server;
let hits = 0;
let client: OktaClient;

beforeAll(async () => {
  server = http.createServer((req) => {
    hits++;
    req.socket.destroy();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  allowTestOrg(port);
  client = new OktaClient(apiTokenProvider({ domain: `http://127.0.0.1:${port}`, api_token: TOKEN }));
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  hits = 0;
});

test('a reset connection on a GET is retried, then reported as a retryable api_error without the token', async () => {
  const error = await failure(client.request({ method: 'GET', path: '/api/v1/users/00u1' }, scopeFor({ maxRetries: 1 })));
  expect(hits).toBe(2);
  expect(error).toMatchObject({ type: 'api_error', retryable: true });
  expect(JSON.stringify(error.toJSON()) + error.message + String(error.stack)).not.toContain(TOKEN);
});

test('a reset connection on a POST is not retried', async () => {
  const error = await failure(client.request({ method: 'POST', path: '/api/v1/users', body: { profile: {} } }, scopeFor({ maxRetries: 3 })));
  expect(hits).toBe(1);
  expect(error).toMatchObject({ type: 'api_error', retryable: false, message: expect.stringContaining('may have acted') });
});

test('a POST that could not connect at all is reported as safe to retry', async () => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise((resolve) => closed.close(resolve));
  allowTestOrg(port);
  const refused = new OktaClient(apiTokenProvider({ domain: `http://127.0.0.1:${port}`, api_token: TOKEN }));
  const error = await failure(refused.request({ method: 'POST', path: '/api/v1/users', body: { profile: {} } }, scopeFor({ maxRetries: 0 })));
  expect(error).toMatchObject({ type: 'api_error', retryable: true, message: 'Network error talking to Okta (ECONNREFUSED)' });
});
