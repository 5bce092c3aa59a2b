import dns from 'node:dns';
import { getEventListeners } from 'node:events';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ConnectorError } from '../../src/core/errors';
import { exchange, Exchange, TransportFault } from '../../src/http/transport';
import { allowTestOrg, listenAsTestOrg } from '../support/test-org-destination';

/** One exchange straight through the transport, over the real keep-alive agents, against loopback. */

const MIB = 1024 * 1024;

// A loopback org: /moved redirects, /cookies sets two cookies, /sink answers 204 with the byte count it read.
let server: http.Server;
let origin = '';
let close: () => Promise<void> = async () => undefined;
const seen: { path: string; bytes: number }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let bytes = 0;
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => {
      seen.push({ path: req.url ?? '', bytes });
      if (req.url === '/moved') res.writeHead(302, { Location: '/elsewhere' }).end();
      else if (req.url === '/cookies') res.writeHead(200, { 'Set-Cookie': ['a=1', 'b=2'], 'Content-Type': 'text/plain' }).end('ok');
      else if (req.url === '/sink') res.writeHead(204, { 'X-Received-Bytes': String(bytes) }).end();
      else res.writeHead(404).end();
    });
  });
  ({ origin, close } = await listenAsTestOrg(server));
});
afterAll(() => close());
beforeEach(() => {
  seen.length = 0;
});
afterEach(() => jest.restoreAllMocks());

const request = (over: Partial<Exchange>): Exchange => ({ method: 'GET', url: `${origin}/sink`, headers: {}, timeoutMs: 2_000, maxResponseBytes: MIB, ...over });

async function faultOf(promise: Promise<unknown>): Promise<TransportFault> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TransportFault);
  return error as TransportFault;
}

/** The resolver (or the connect after it) fails for `org.example.test` with this error, as the OS reports it. */
function connectFailsWith(code: string | undefined): string {
  const error: NodeJS.ErrnoException = new Error(code ? `getaddrinfo ${code} org.example.test` : 'resolver gave up');
  if (code) error.code = code;
  jest.spyOn(dns, 'lookup').mockImplementation(((_host: string, _options: unknown, callback: (e: NodeJS.ErrnoException) => void) => {
    process.nextTick(() => callback(error));
  }) as unknown as typeof dns.lookup);
  return 'http://org.example.test:9/api/v1/users';
}

// First, so that no earlier test's timer can fire while the timers are counted.
describe('a finished exchange leaves nothing behind', () => {
  const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;

  test('its timeout timer is cleared, so it cannot keep the process alive', async () => {
    const before = timers();
    for (let i = 0; i < 3; i++) await exchange(request({ timeoutMs: 60_000 }));
    expect(timers()).toBeLessThanOrEqual(before);
  });

  test('its listener on the caller\'s signal is removed, so one signal can serve many requests', async () => {
    const caller = new AbortController();
    await exchange(request({ signal: caller.signal }));
    await exchange(request({ url: connectFailsWith('ECONNRESET'), signal: caller.signal })).catch(() => undefined);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
  });
});

describe('answers', () => {
  test('a redirect comes back as the 302 it is: not followed, its target never requested', async () => {
    const answer = await exchange(request({ url: `${origin}/moved` }));
    expect(answer.status).toBe(302);
    expect(answer.headers.location).toBe('/elsewhere');
    expect(seen.map((r) => r.path)).toEqual(['/moved']);
  });

  test('repeated Set-Cookie headers come back as one value joined with ", "', async () => {
    const answer = await exchange(request({ url: `${origin}/cookies` }));
    expect(answer.headers['set-cookie']).toBe('a=1, b=2');
    expect(answer.text).toBe('ok');
  });
});

describe('the 10 MiB request body limit', () => {
  test('a body of exactly 10 MiB is sent whole', async () => {
    const answer = await exchange(request({ method: 'POST', body: 'x'.repeat(10 * MIB), timeoutMs: 20_000 }));
    expect(answer.status).toBe(204);
    expect(answer.headers['x-received-bytes']).toBe(String(10 * MIB));
  });

  test('one byte more is refused as the caller\'s input, and nothing is sent', async () => {
    const error = await exchange(request({ method: 'POST', body: 'x'.repeat(10 * MIB + 1) })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      type: 'user_input_error',
      fields: ['body'],
      message: `The request body is ${10 * MIB + 1} bytes, over the ${10 * MIB}-byte limit for one request`,
    });
    expect(seen).toEqual([]);
  });
});

describe('faults', () => {
  test('a refused connection is a network fault that was never sent, named with its code', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const revokeClosed = allowTestOrg(port);
    try {
      const fault = await faultOf(exchange(request({ url: `http://127.0.0.1:${port}/api/v1/users` })));
      expect(fault).toMatchObject({ reason: 'network', code: 'ECONNREFUSED', neverSent: true, message: 'transport network (ECONNREFUSED)' });
    } finally {
      revokeClosed();
    }
  });

  test.each(['ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])('a connection that fails with %s was never sent', async (code) => {
    const fault = await faultOf(exchange(request({ url: connectFailsWith(code) })));
    expect(fault).toMatchObject({ reason: 'network', code, neverSent: true, message: `transport network (${code})` });
  });

  test.each(['ETIMEDOUT', 'ECONNABORTED'])('a connection that fails with %s is a timeout, not known to be unsent', async (code) => {
    const fault = await faultOf(exchange(request({ url: connectFailsWith(code) })));
    expect(fault).toMatchObject({ reason: 'timeout', code, neverSent: false, message: `transport timeout (${code})` });
  });

  test('a failure without a system code is a network fault whose message names only the reason', async () => {
    const fault = await faultOf(exchange(request({ url: connectFailsWith(undefined) })));
    expect(fault).toMatchObject({ reason: 'network', code: undefined, neverSent: false, message: 'transport network' });
  });
});
