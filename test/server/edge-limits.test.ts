import net from 'node:net';
import nock from 'nock';
import { SAMPLE_AUTH } from '../support/sample-harness';
import { allowOnlyLocalhost, startTestServer, TestServer } from './support/test-server';

/*
 * Hostile bodies and sockets against the in-process service: each is refused or cut as documented
 * (docs/SECURITY.md), and nothing reaches Okta (nock has no interceptor, and net connect is off).
 */
let server: TestServer;
beforeAll(async () => {
  allowOnlyLocalhost();
  server = await startTestServer({
    connectionLimits: { headersTimeoutMs: 1_000, requestTimeoutMs: 2_000, maxConnections: 20, maxPipelinedRequests: 8 },
  });
});
afterAll(async () => {
  await server.close(500);
  nock.enableNetConnect();
});

const post = async (text: string, operation = 'get_user') => {
  const res = await fetch(`${server.url}/operations/${operation}/call`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text });
  const body = await res.text();
  return { status: res.status, size: Buffer.byteLength(body), body: JSON.parse(body) };
};
const nested = (depth: number) => `${'['.repeat(depth)}${']'.repeat(depth)}`;

describe('bodies', () => {
  test('60,000 unknown keys (≈650 KB): a 400 naming the limit, answered in well under 64 KB', async () => {
    const input = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 1]));
    const text = JSON.stringify({ input, auth: SAMPLE_AUTH });
    expect(text.length).toBeGreaterThan(600_000);
    const { status, size, body } = await post(text);
    expect(status).toBe(400);
    expect(size).toBeLessThan(64 * 1024);
    expect(body.error).toMatchObject({ type: 'user_input_error', fields: ['input'], message: expect.stringContaining('limit maxMembers') });
  });

  test('5,000 unknown keys (under the member limit): validation names the first 20 and counts the rest', async () => {
    const input = { user_id: '00u1', ...Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, 1])) };
    const { status, size, body } = await post(JSON.stringify({ input, auth: SAMPLE_AUTH }));
    expect(status).toBe(400);
    expect(size).toBeLessThan(4 * 1024);
    expect(body.error.fields).toHaveLength(20);
    expect(body.error.message).toContain('and 4980 more problems');
  });

  test.each([
    ['input nested 5,000 deep', () => `{"input":{"user_id":"00u1","x":${nested(5_000)}},"auth":${JSON.stringify(SAMPLE_AUTH)}}`, 'get_user'],
    ['raw_http_request body nested 5,000 deep', () => `{"input":{"method":"POST","path":"/api/v1/users","body":${nested(5_000)}},"auth":${JSON.stringify(SAMPLE_AUTH)}}`, 'raw_http_request'],
    ['a body nested 100,000 deep', () => nested(100_000), 'get_user'],
  ])('%s: a 400 naming maxDepth, not a crash', async (_what, make, operation) => {
    const { status, body } = await post(make(), operation);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'user_input_error', message: expect.stringContaining('limit maxDepth') });
  });

  test('a 900 KB user_id: a 400 naming the field and the limit, and Okta is never called', async () => {
    const { status, size, body } = await post(JSON.stringify({ input: { user_id: 'x'.repeat(900_000) }, auth: SAMPLE_AUTH }));
    expect(status).toBe(400);
    expect(size).toBeLessThan(1024);
    expect(body.error).toMatchObject({ type: 'user_input_error', fields: ['input.user_id'], message: expect.stringContaining('limit maxStringLength') });
  });

  test.each([
    ['get_user', { user_id: 'u'.repeat(101) }, 'user_id'],
    ['get_group', { group_id: 'g'.repeat(65) }, 'group_id'],
  ])('%s with an id longer than its maxLength: a 400 naming the field', async (operation, input, field) => {
    const { status, body } = await post(JSON.stringify({ input, auth: SAMPLE_AUTH }), operation);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'user_input_error', fields: [field], message: expect.stringContaining('must NOT have more than') });
  });

  test('a long key is refused too, quoted only in part', async () => {
    const { status, size, body } = await post(JSON.stringify({ input: { [`k${'y'.repeat(70_000)}`]: 1 }, auth: SAMPLE_AUTH }));
    expect(status).toBe(400);
    expect(size).toBeLessThan(1024);
    expect(body.error.message).toContain('limit maxStringLength');
  });
});

describe('sockets', () => {
  const connect = () =>
    new Promise<net.Socket>((resolve, reject) => {
      const url = new URL(server.url);
      const socket = net.connect(Number(url.port), url.hostname, () => resolve(socket));
      socket.on('error', reject);
    });
  const closed = (socket: net.Socket) => new Promise<string>((resolve) => {
    let data = '';
    socket.on('data', (chunk) => (data += chunk));
    socket.on('close', () => resolve(data));
    socket.on('error', () => undefined);
  });

  test('slow-loris headers are cut at the headers timeout with a 408', async () => {
    const socket = await connect();
    socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    const timer = setInterval(() => socket.writable && socket.write('a'), 200);
    const data = await closed(socket);
    clearInterval(timer);
    expect(data).toMatch(/^HTTP\/1\.1 408/);
  }, 10_000);

  test('a trickled body is cut at the request timeout', async () => {
    const socket = await connect();
    const port = new URL(server.url).port;
    socket.write(`POST /operations/get_user/call HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{"input":`);
    const timer = setInterval(() => socket.writable && socket.write(' '), 200);
    const data = await closed(socket);
    clearInterval(timer);
    expect(data).toMatch(/^HTTP\/1\.1 408/);
  }, 10_000);

  test('pipelined requests past the per-connection limit close the connection; the service keeps answering', async () => {
    const socket = await connect();
    const port = new URL(server.url).port;
    socket.write(`GET /connector HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n\r\n`.repeat(200));
    socket.pause(); // never read the answers
    const done = new Promise<void>((resolve) => socket.on('close', () => resolve()));
    await done;
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  }, 10_000);

  test('connections past maxConnections are closed at once', async () => {
    const held = await Promise.all(Array.from({ length: 20 }, connect));
    const extra = await connect();
    const data = await closed(extra);
    expect(data).toBe('');
    for (const socket of held) socket.destroy();
  }, 10_000);
});
