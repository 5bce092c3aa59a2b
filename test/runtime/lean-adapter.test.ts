import { getEventListeners } from 'node:events';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { AxiosError, AxiosHeaders, AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import { leanHttpAdapter } from '../../src/http/lean-adapter';
import { FaultServer, json } from '../support/fault-server';

// The adapter under the transport, called the way axios calls it, against real sockets on loopback.
let server: FaultServer;
const agent = new http.Agent({ keepAlive: true });

beforeAll(async () => {
  server = await new FaultServer().start();
});
afterEach(() => server.reset());
afterAll(async () => {
  agent.destroy();
  await server.close();
});

const configFor = (url: string, extra: Partial<InternalAxiosRequestConfig> = {}): InternalAxiosRequestConfig => ({
  method: 'get',
  headers: new AxiosHeaders(),
  httpAgent: agent,
  ...extra,
  url,
});

const send = (config: InternalAxiosRequestConfig) => leanHttpAdapter(config) as Promise<AxiosResponse<string>>;

async function rejection(promise: Promise<unknown>): Promise<AxiosError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AxiosError);
    return error as AxiosError;
  }
  throw new Error('expected a rejection');
}

describe('requests', () => {
  test('a POST over plain http goes out upper-cased, with its headers, path, query and body', async () => {
    server.on('POST', '/api/v1/users', { kind: 'echo' });
    const body = JSON.stringify({ profile: { login: 'isaac.brock@example.com' } });
    const res = await send(
      configFor(`${server.origin}/api/v1/users?activate=false`, {
        method: 'post',
        headers: new AxiosHeaders({ 'Content-Type': 'application/json', 'X-Test-Header': 'kept' }),
        data: body,
      }),
    );
    expect(res.status).toBe(200);
    const seen = server.seen[0];
    expect(seen).toMatchObject({ method: 'POST', path: '/api/v1/users?activate=false', body });
    expect(seen.headers).toMatchObject({ 'content-type': 'application/json', 'x-test-header': 'kept', 'content-length': String(Buffer.byteLength(body)) });
  });

  test('an IPv6 literal host ([::1]) is dialled without its brackets', async () => {
    const v6 = http.createServer((_req, res) => res.end('over v6'));
    await new Promise<void>((resolve) => v6.listen(0, '::1', resolve));
    try {
      const { port } = v6.address() as AddressInfo;
      const res = await send(configFor(`http://[::1]:${port}/ping`));
      expect(res).toMatchObject({ status: 200, data: 'over v6' });
    } finally {
      v6.closeAllConnections();
      await new Promise((resolve) => v6.close(resolve));
    }
  });
});

describe('answers', () => {
  test('the body comes back whole as utf-8 text with status and headers', async () => {
    server.on('GET', '/api/v1/users/me', { kind: 'text', status: 201, body: 'Grüße, ☃', contentType: 'text/plain; charset=utf-8', headers: { 'X-Okta-Request-Id': 'req-1' } });
    const res = await send(configFor(`${server.origin}/api/v1/users/me`));
    expect(res).toMatchObject({ status: 201, data: 'Grüße, ☃' });
    expect(res.headers['x-okta-request-id']).toBe('req-1');
  });

  test('without maxContentLength, or with -1 (no limit), a body of any size is read', async () => {
    server.on('GET', '/api/v1/users', { kind: 'text', status: 200, body: 'x'.repeat(5_000), contentType: 'text/plain' });
    expect((await send(configFor(`${server.origin}/api/v1/users`))).data).toHaveLength(5_000);
    expect((await send(configFor(`${server.origin}/api/v1/users`, { maxContentLength: -1 }))).data).toHaveLength(5_000);
  });

  test('a body of exactly maxContentLength bytes is read', async () => {
    server.on('GET', '/api/v1/users', { kind: 'text', status: 200, body: '0123456789', contentType: 'text/plain' });
    const res = await send(configFor(`${server.origin}/api/v1/users`, { maxContentLength: 10 }));
    expect(res.data).toBe('0123456789');
  });

  test('one byte over maxContentLength is refused with the maxContentLength message (limits 0 and 1 included)', async () => {
    for (const limit of [0, 1, 10]) {
      server.on('GET', '/api/v1/users', { kind: 'text', status: 200, body: 'x'.repeat(limit + 1), contentType: 'text/plain' });
      const error = await rejection(send(configFor(`${server.origin}/api/v1/users`, { maxContentLength: limit })));
      expect(error).toMatchObject({ code: 'ERR_BAD_RESPONSE', message: `maxContentLength size of ${limit} exceeded` });
    }
  });

  test('a limit of 0 still lets an empty answer through', async () => {
    server.on('DELETE', '/api/v1/users/00u1', json(204));
    const res = await send(configFor(`${server.origin}/api/v1/users/00u1`, { method: 'delete', maxContentLength: 0 }));
    expect(res).toMatchObject({ status: 204, data: '' });
  });

  test('a connection closed mid-body is "stream has been aborted" (ERR_BAD_RESPONSE), as axios reports it', async () => {
    server.on('GET', '/api/v1/users/cut', { kind: 'cutMidBody', how: 'close', status: 200, partial: '{"id":"00u', declaredLength: 200 });
    const error = await rejection(send(configFor(`${server.origin}/api/v1/users/cut`)));
    expect(error).toMatchObject({ code: 'ERR_BAD_RESPONSE', message: 'stream has been aborted' });
  });
});

describe('cancellation', () => {
  test('an already-aborted signal rejects with ERR_CANCELED and sends nothing', async () => {
    server.on('GET', '/api/v1/users', json(200, []));
    const controller = new AbortController();
    controller.abort();
    const error = await rejection(send(configFor(`${server.origin}/api/v1/users`, { signal: controller.signal })));
    expect(error).toMatchObject({ code: 'ERR_CANCELED', message: 'canceled' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(server.seen).toHaveLength(0);
  });

  test('aborting while waiting for headers rejects with ERR_CANCELED', async () => {
    server.on('GET', '/api/v1/users/slow', { kind: 'slowHeaders', delayMs: 5_000, then: json(200, {}) });
    const controller = new AbortController();
    const pending = send(configFor(`${server.origin}/api/v1/users/slow`, { signal: controller.signal }));
    setTimeout(() => controller.abort(), 50);
    const error = await rejection(pending);
    expect(error).toMatchObject({ code: 'ERR_CANCELED', message: 'canceled' });
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  test("a finished request leaves no listener on the caller's signal: answered, oversized or refused", async () => {
    server.on('GET', '/api/v1/users', { kind: 'text', status: 200, body: 'abc', contentType: 'text/plain' });
    const signal = new AbortController().signal;
    await send(configFor(`${server.origin}/api/v1/users`, { signal }));
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    await rejection(send(configFor(`${server.origin}/api/v1/users`, { signal, maxContentLength: 1 })));
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    // The socket's own error, passed through as it is (the transport reads its code).
    await expect(send(configFor(`http://127.0.0.1:${port}/api/v1/users`, { signal }))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });
});
