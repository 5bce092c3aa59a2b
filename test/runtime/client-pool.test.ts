import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { AddressInfo } from 'node:net';
import { apiTokenProvider } from '../../src/auth/api-token';
import { scopeFor } from '../../src/http/call-scope';
import { clientFor, clientPoolSize, configureClientPool, CLIENT_POOL_DEFAULTS } from '../../src/http/client-pool';
import { allowTestOrg } from '../support/test-org-destination';

// A loopback server that notes which socket each request came on and holds `/slow` until released.
let server: http.Server;
let origin = '';
const socketsSeen: string[] = [];
let releaseSlow: () => void = () => undefined;
let revokeTestOrg: () => void = () => undefined;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    socketsSeen.push(`${req.socket.remotePort}`);
    const answer = () => res.writeHead(200, { 'Content-Type': 'application/json' }).end('{"id":"00u1"}');
    if (req.url === '/api/v1/users/slow') releaseSlow = answer;
    else answer();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  revokeTestOrg = allowTestOrg(server);
});
afterAll(async () => {
  revokeTestOrg();
  configureClientPool(CLIENT_POOL_DEFAULTS);
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const tenant = (i: number) => apiTokenProvider({ domain: origin, api_token: `00tenant-${String(i).padStart(4, '0')}-token-000000000000000` });

test('the pool is keyed by the secret: two tokens get two clients, one token one client', () => {
  expect(clientFor(tenant(1))).toBe(clientFor(tenant(1)));
  expect(clientFor(tenant(1))).not.toBe(clientFor(tenant(2)));
  expect(tenant(1).cacheKey).not.toContain('00tenant-0001');
});

test('one auth object passed call after call keeps its provider; changed in place, it is another credential', () => {
  const auth = { domain: origin, api_token: '00tenant-inplace-token-a-000000000000000' };
  const first = apiTokenProvider(auth);
  expect(apiTokenProvider(auth)).toBe(first);
  expect(apiTokenProvider({ ...auth })).toBe(first); // the same values in another object: the same credential
  auth.api_token = '00tenant-inplace-token-b-000000000000000';
  const changed = apiTokenProvider(auth);
  expect(changed).not.toBe(first);
  expect(changed.authorize({ method: 'GET', url: `${origin}/api/v1/users/me` })).toEqual({ Authorization: `SSWS ${auth.api_token}` });
  auth.domain = origin.replace('127.0.0.1', 'localhost');
  expect(apiTokenProvider(auth).orgUrl).toBe(auth.domain);
});

// In a child process: an HTTP interceptor left by an earlier test file in the same jest worker would hide
// the real agent (every request on a mock socket).
const SHARED_SOCKET_CALLS = `
const { apiTokenProvider } = require('./src/auth/api-token');
const { clientFor } = require('./src/http/client-pool');
const { scopeFor } = require('./src/http/call-scope');
require('./src/http/destination-policy').allowDestinations(new URL(process.argv[1]).host);
(async () => {
  for (let i = 0; i < 5; i++) {
    const auth = apiTokenProvider({ domain: process.argv[1], api_token: '00tenant-child-' + i + '-token-000000000000000' });
    await clientFor(auth).request({ method: 'GET', path: '/api/v1/users/00u1' }, scopeFor({}));
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
})().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
`;

test('tenants share one keep-alive connection to the org host: the credential is a header, not a socket', async () => {
  socketsSeen.length = 0;
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', SHARED_SOCKET_CALLS, origin], { cwd: path.resolve(__dirname, '../..'), env: { ...process.env, CONNECTOR_ALLOWED_DOMAINS: new URL(origin).host }, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
  expect(socketsSeen).toHaveLength(5);
  expect(new Set(socketsSeen).size).toBe(1);
}, 60_000);

test('past the cap the oldest idle client goes; a client with a request in flight stays and its request completes', async () => {
  configureClientPool({ max: 3 });
  const busy = clientFor(tenant(200));
  const slow = busy.request({ method: 'GET', path: '/api/v1/users/slow' }, scopeFor({}));
  for (let i = 1; i <= 6; i++) clientFor(tenant(200 + i));
  expect(clientPoolSize()).toBeLessThanOrEqual(3);
  expect(clientFor(tenant(200))).toBe(busy);
  await new Promise((resolve) => setTimeout(resolve, 50));
  releaseSlow();
  await expect(slow).resolves.toMatchObject({ status: 200, body: { id: '00u1' } });
  configureClientPool({ idleMs: 0 });
  expect(clientPoolSize({ sweep: true })).toBe(0);
});
