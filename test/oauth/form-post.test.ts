import dns from 'node:dns';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { USER_AGENT } from '../../src/core/version';
import { ConnectorError } from '../../src/core/errors';
import { postForm } from '../../src/http/form-post';
import * as transport from '../../src/http/transport';
import { failure } from '../support/failure';
import { allowTestOrg, listenAsTestOrg } from '../support/test-org-destination';

const MIB = 1024 * 1024;

// A loopback token endpoint: each path gives one kind of answer; /hang never answers.
let server: http.Server;
let origin = '';
let close: () => Promise<void> = async () => undefined;
const seen: { headers: http.IncomingHttpHeaders; body: string }[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      seen.push({ headers: req.headers, body });
      const reply = (status: number, text: string, type = 'application/json') => res.writeHead(status, { 'Content-Type': type }).end(text);
      if (req.url === '/empty') reply(204, '');
      else if (req.url === '/blank') reply(200, '  \n\t ');
      else if (req.url === '/json') reply(200, '{"access_token":"at","expires_in":3600}');
      else if (req.url === '/text') reply(502, '<html>Bad gateway</html>', 'text/html');
      else if (req.url === '/mib') reply(200, 'x'.repeat(MIB), 'text/plain');
      else if (req.url === '/over') reply(200, 'x'.repeat(MIB + 1), 'text/plain');
      else if (req.url !== '/hang') reply(404, '');
    });
  });
  ({ origin, close } = await listenAsTestOrg(server));
});
afterAll(() => close());
afterEach(() => {
  jest.restoreAllMocks();
});

describe('the answer', () => {
  test('an empty body is null, and so is a body of only whitespace', async () => {
    await expect(postForm(`${origin}/empty`, {}, {}, 5_000)).resolves.toEqual({ status: 204, headers: expect.any(Object), body: null });
    await expect(postForm(`${origin}/blank`, {}, {}, 5_000)).resolves.toMatchObject({ status: 200, body: null });
  });

  test('a JSON body is parsed; any other body is kept as its text', async () => {
    const json = await postForm(`${origin}/json`, {}, {}, 5_000);
    expect(json).toMatchObject({ status: 200, body: { access_token: 'at', expires_in: 3600 } });
    expect(json.headers['content-type']).toBe('application/json');
    await expect(postForm(`${origin}/text`, {}, {}, 5_000)).resolves.toMatchObject({ status: 502, body: '<html>Bad gateway</html>' });
  });

  test('an answer of 1 MiB is read; one byte more is refused as a retryable api_error', async () => {
    const mib = await postForm(`${origin}/mib`, {}, {}, 10_000);
    expect((mib.body as string).length).toBe(MIB);
    const error = await failure(postForm(`${origin}/over`, {}, {}, 10_000));
    expect(error.toJSON()).toEqual({ type: 'api_error', retryable: true, message: `Network error requesting a token from ${origin} (ERR_BAD_RESPONSE)` });
  });
});

test('the request: a form-urlencoded POST asking for JSON, with the connector User-Agent and the caller headers', async () => {
  seen.length = 0;
  await postForm(`${origin}/json`, { grant_type: 'client_credentials', scope: 'okta.users.read okta.groups.read' }, { DPoP: 'proof' }, 5_000);
  expect(seen).toHaveLength(1);
  expect(seen[0].headers).toMatchObject({
    accept: 'application/json',
    'content-type': 'application/x-www-form-urlencoded',
    'user-agent': USER_AGENT,
    dpop: 'proof',
  });
  expect(seen[0].body).toBe('grant_type=client_credentials&scope=okta.users.read+okta.groups.read');
});

describe('failures', () => {
  test('no answer within the timeout is a retryable timeout naming the origin and the time allowed', async () => {
    const error = await failure(postForm(`${origin}/hang`, {}, {}, 150));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.toJSON()).toEqual({ type: 'timeout', retryable: true, message: `${origin} did not answer the token request within 150 ms` });
  });

  test('a refused connection is a retryable api_error naming the origin and the system code', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const revokeClosed = allowTestOrg(port);
    try {
      const error = await failure(postForm(`http://127.0.0.1:${port}/oauth2/v1/token`, { client_secret: 'shh-secret' }, {}, 5_000));
      expect(error.toJSON()).toEqual({ type: 'api_error', retryable: true, message: `Network error requesting a token from http://127.0.0.1:${port} (ECONNREFUSED)` });
    } finally {
      revokeClosed();
    }
  });

  test('a fault without a system code names only the origin', async () => {
    jest.spyOn(transport, 'exchange').mockRejectedValue(new transport.TransportFault('network', undefined, false, { method: 'POST', timeoutMs: 1_000, maxResponseBytes: MIB }));
    const error = await failure(postForm(`${origin}/json`, {}, {}, 1_000));
    expect(error.toJSON()).toEqual({ type: 'api_error', retryable: true, message: `Network error requesting a token from ${origin}` });
  });

  test('an unlisted destination is refused before anything is sent, with the policy refusal unchanged', async () => {
    seen.length = 0;
    const error = await failure(postForm('http://127.0.0.1:9/oauth2/v1/token', {}, {}, 1_000));
    expect(error.toJSON()).toMatchObject({ type: 'user_input_error', fields: ['auth.domain'], message: expect.stringContaining('CONNECTOR_ALLOWED_DOMAINS') });
    expect(seen).toHaveLength(0);
  });

  test('an Okta name resolving to a loopback address: the connect-time refusal is passed through unchanged', async () => {
    jest.spyOn(dns, 'lookup').mockImplementation(((_host: string, _options: unknown, callback: (e: null, a: dns.LookupAddress[]) => void) => {
      callback(null, [{ address: '127.0.0.1', family: 4 }]);
    }) as never);
    const error = await failure(postForm('https://rebound-token.okta.com/oauth2/v1/token', { client_secret: 'shh-secret' }, {}, 5_000));
    expect(error.toJSON()).toEqual({
      type: 'user_input_error',
      retryable: false,
      fields: ['auth.domain'],
      message: 'auth.domain "rebound-token.okta.com" resolves to a loopback, private, link-local or metadata address; the operator must list it in CONNECTOR_ALLOWED_DOMAINS to allow that',
    });
  });
});
