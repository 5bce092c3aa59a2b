import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Recorder } from './support/recorder';
import { rawRequest, ServiceProcess, spawnService, startService } from './support/service-process';

/*
 * The service perimeter, attacked the way a local process, a web page (DNS rebinding) or a tenant of a
 * multi-tenant platform would: against the real service (`node --import tsx src/server/main.ts`, what
 * `npm start` execs), in both modes.
 */
const KEY = 'sec-suite-platform-key-0123456789abcdef';
const UNLABELLED_KEY = 'sec-suite-unlabelled-key-fedcba9876543210';
const TOKEN = '00SecSuiteTenantTokenNeverLogged0000000000';
const INPUT_MARKER = 'input.marker.never.logged@example.com';

let recorder: Recorder; // must receive nothing
let okta: Recorder; // a test org the operator lists on loopback
let multi: ServiceProcess;
let single: ServiceProcess;

beforeAll(async () => {
  [recorder, okta] = await Promise.all([new Recorder().start(), new Recorder().start()]);
  [multi, single] = await Promise.all([
    startService({
      CONNECTOR_TENANCY: 'multi',
      CONNECTOR_API_KEYS: `platform:${KEY},${UNLABELLED_KEY}`,
      CONNECTOR_ALLOWED_DOMAINS: `127.0.0.1:${okta.port}`,
      CONNECTOR_ALLOWED_HOSTS: 'connector.internal',
      PUBLIC_URL: 'https://connector.example.com',
    }),
    startService({ CONNECTOR_API_KEYS: KEY }),
  ]);
}, 60_000);
afterAll(async () => {
  await Promise.all([multi?.stop(), single?.stop()]);
  await Promise.all([recorder?.close(), okta?.close()]);
});

const bearer = (key: string) => ({ Authorization: `Bearer ${key}` });
const call = (service: ServiceProcess, operation: string, body: unknown, headers: Record<string, string> = bearer(KEY)) =>
  rawRequest(`${service.url}/operations/${operation}/call`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('caller keys', () => {
  test.each([
    ['GET', '/connector'],
    ['GET', '/operations/get_user'],
    ['POST', '/operations/get_user/call'],
    ['GET', '/no/such/route'],
    ['DELETE', '/healthz'],
  ])('%s %s without a key is a 401 with WWW-Authenticate: Bearer and a JSON error', async (method, route) => {
    const res = await rawRequest(`${multi.url}${route}`, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="okta-connector"');
    expect(JSON.parse(res.body)).toMatchObject({ outcome: 'error', error: { type: 'auth_error', message: expect.stringContaining('Authorization: Bearer') } });
  });

  test.each([
    ['a wrong key', 'Bearer not-the-key-at-all-0000000000'],
    ['the key with one character more', `Bearer ${KEY}x`],
    ['the key with one character less', `Bearer ${KEY.slice(0, -1)}`],
    ['the key under another scheme', `Basic ${KEY}`],
    ['the key without a scheme', KEY],
    ['two keys', `Bearer ${KEY} ${UNLABELLED_KEY}`],
  ])('%s is a 401 invalid_token that does not echo the key', async (_what, authorization) => {
    const res = await rawRequest(`${multi.url}/connector`, { headers: { Authorization: authorization } });
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer realm="okta-connector", error="invalid_token"');
    expect(JSON.parse(res.body)).toMatchObject({ outcome: 'error', error: { type: 'auth_error', message: 'The caller key is not valid' } });
    expect(res.body).not.toContain(KEY.slice(4, 20));
  });

  test('the right keys (labelled or not, any case of "Bearer") are let in; GET /healthz needs none', async () => {
    for (const authorization of [`Bearer ${KEY}`, `bearer ${UNLABELLED_KEY}`]) {
      expect((await rawRequest(`${multi.url}/operations/get_user`, { headers: { Authorization: authorization } })).status).toBe(200);
    }
    expect((await rawRequest(`${multi.url}/healthz`)).status).toBe(200);
  });
});

describe('Host check (DNS rebinding)', () => {
  test.each([
    ['attacker.example', 421],
    ['attacker.example:PORT', 421],
    ['127.0.0.1.nip.io:PORT', 421],
    ['localhost:1', 421],
    ['connector.example.com:8443', 421],
    ['localhost:PORT', 200],
    ['127.0.0.1:PORT', 200],
    ['[::1]:PORT', 200],
    ['connector.internal', 200],
    ['connector.example.com', 200],
    ['connector.example.com:443', 200],
  ])('Host: %s → %i', async (host, status) => {
    const value = host.replace('PORT', new URL(multi.url).port);
    const res = await rawRequest(`${multi.url}/operations/get_user`, { headers: { Host: value, ...bearer(KEY) } });
    expect(res.status).toBe(status);
    if (status === 421) expect(JSON.parse(res.body)).toMatchObject({ outcome: 'error', error: { type: 'permission_error' } });
  });

  test('a wrong Host is refused before the key is looked at, on every route but /healthz', async () => {
    expect((await rawRequest(`${multi.url}/operations/get_user/call`, { method: 'POST', headers: { Host: 'attacker.example' } })).status).toBe(421);
    expect((await rawRequest(`${multi.url}/healthz`, { headers: { Host: 'attacker.example' } })).status).toBe(200);
  });
});

describe('single org', () => {
  test('a call runs with the service credential (the embedded sandbox here)', async () => {
    const res = await call(single, 'get_user', { input: { user_id: 'admin@example.com' } });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ outcome: 'success', output: { profile: { login: 'admin@example.com' } } });
  });

  test.each([
    ['another org', { domain: 'other.okta.com', api_token: TOKEN }],
    ['the loopback recorder', { domain: 'RECORDER', api_token: TOKEN }],
    ['the service itself (confused deputy)', { domain: 'SELF', api_token: TOKEN }],
  ])('a body carrying auth (%s) is refused and nothing is sent', async (_what, auth) => {
    const domain = auth.domain.replace('RECORDER', `http://127.0.0.1:${recorder.port}`).replace('SELF', single.url);
    const res = await call(single, 'raw_http_request', { input: { method: 'GET', path: '/api/v1/users/me' }, auth: { ...auth, domain } });
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body)).toMatchObject({ outcome: 'error', error: { type: 'user_input_error', fields: ['auth'], message: expect.stringContaining('acts for one org') } });
    expect(recorder.connections).toBe(0);
  });
});

describe('destination policy (multi-tenant): a tenant credential only goes to Okta', () => {
  const LOOPBACK_SPELLINGS = [
    'http://127.0.0.1:PORT', 'http://localhost:PORT', 'http://[::1]:PORT', 'http://127.1:PORT', 'http://2130706433:PORT',
    'http://0177.0.0.1:PORT', 'http://0x7f.0.0.1:PORT', 'http://%31%32%37.0.0.1:PORT', 'http://127.0.0.1.:PORT', 'https://127.0.0.1:PORT',
    'http://[::ffff:127.0.0.1]:PORT', '127.0.0.1:PORT', 'http://0.0.0.0:PORT',
  ];
  const PRIVATE = [
    'https://169.254.169.254', 'https://metadata.google.internal', 'https://kubernetes.default.svc', 'https://10.0.0.5:8443',
    'https://192.168.1.1', 'https://172.16.0.1', 'https://100.64.0.1', 'https://[fd00:ec2::254]', 'https://[fe80::1]',
    'https://acme.okta.com:8443', 'http://acme.okta.com', 'https://acme.okta.com.attacker.example', 'https://oktapreview.com',
  ];

  const refused = async (domain: string, operation = 'raw_http_request') => {
    const input = operation === 'raw_http_request' ? { method: 'GET', path: '/api/v1/users/me' } : { user_id: '00ub0oNGTSWTBKOLGLNR' };
    const res = await call(multi, operation, { input, auth: { domain, api_token: TOKEN } });
    const body = JSON.parse(res.body);
    return { status: res.status, body };
  };

  test.each([...LOOPBACK_SPELLINGS, ...PRIVATE])('%s is refused as a user_input_error before any byte leaves', async (spelling) => {
    const domain = spelling.replace('PORT', String(recorder.port));
    for (const operation of ['raw_http_request', 'get_user']) {
      const { status, body } = await refused(domain, operation);
      expect([operation, status]).toEqual([operation, 400]);
      expect(body).toMatchObject({ outcome: 'error', error: { type: 'user_input_error', fields: ['auth.domain'] } });
      expect(JSON.stringify(body)).not.toContain(TOKEN);
    }
    expect(recorder.connections).toBe(0);
    expect(recorder.requests).toEqual([]);
  });

  test('the refusal reads the same whether the port is open or closed (it reveals nothing that listens)', async () => {
    const closedPort = 1; // nothing listens on tcpmux here
    for (const spelling of ['http://127.0.0.1:PORT', 'http://localhost:PORT', 'https://10.0.0.5:PORT']) {
      const open = await refused(spelling.replace('PORT', String(recorder.port)));
      const closed = await refused(spelling.replace('PORT', String(closedPort)));
      expect(open.body.error.message.replace(`:${recorder.port}`, ':N')).toBe(closed.body.error.message.replace(`:${closedPort}`, ':N'));
      expect(open.body.error.message).not.toMatch(/ECONNREFUSED|EPROTO|certificate|socket/i);
    }
    expect(recorder.connections).toBe(0);
  });

  test('the service itself as auth.domain (confused deputy) is refused and runs no nested call', async () => {
    const before = multi.logLines().filter((line) => line.event === 'http_request').length;
    const { status, body } = await refused(multi.url);
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'user_input_error', fields: ['auth.domain'] });
    const after = multi.logLines().filter((line) => line.event === 'http_request');
    expect(after.length - before).toBe(1);
  });

  test('an org the operator lists on loopback is reached, with the tenant credential, and audited', async () => {
    const res = await call(multi, 'get_user', { input: { user_id: INPUT_MARKER }, auth: { domain: `http://127.0.0.1:${okta.port}`, api_token: TOKEN } });
    expect(res.status).toBe(200);
    expect(okta.requests.at(-1)).toMatchObject({ method: 'GET', authorization: `SSWS ${TOKEN}` });
    const audit = multi.logLines().filter((line) => line.event === 'http_request' && line.operation === 'get_user' && line.outcome === 'success').at(-1);
    expect(audit).toEqual({
      time: expect.any(String), level: 'info', event: 'http_request', method: 'POST', route: '/operations/{name}/call', caller: 'platform',
      operation: 'get_user', status: 200, outcome: 'success', durationMs: expect.any(Number), oktaRequests: 1, oktaRequestId: 'reqRecorder1',
    });
  });
});

describe('audit log', () => {
  test('names the caller by label or short key hash, and never holds keys, tokens or input values', async () => {
    await rawRequest(`${multi.url}/operations/get_user`, { headers: bearer(UNLABELLED_KEY) });
    const lines = multi.logLines().filter((line) => line.event === 'http_request');
    expect(lines.some((line) => /^key-[0-9a-f]{8}$/.test(String(line.caller)))).toBe(true);
    expect(lines.some((line) => line.caller === 'platform')).toBe(true);
    expect(lines.filter((line) => line.status === 401).every((line) => line.caller === undefined)).toBe(true);
    const everything = multi.stderr() + multi.stdout() + single.stderr() + single.stdout();
    for (const secret of [KEY, UNLABELLED_KEY, TOKEN, INPUT_MARKER]) expect(everything).not.toContain(secret);
  });
});

describe('start-up', () => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'perimeter-'));
  const emptyKeys = path.join(tmp, 'empty-keys');
  fs.writeFileSync(emptyKeys, '# no key yet\n');
  afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

  test.each<[string, NodeJS.ProcessEnv, RegExp]>([
    ['HOST beyond loopback without keys', { HOST: '0.0.0.0' }, /HOST=0\.0\.0\.0 would expose the service .* set CONNECTOR_API_KEYS/],
    ['OKTA_DOMAIN without a credential', { OKTA_DOMAIN: 'acme.okta.com' }, /OKTA_DOMAIN is set without a credential/],
    ['a typo: OKTA_TOKEN', { OKTA_DOMAIN: 'acme.okta.com', OKTA_TOKEN: TOKEN }, /OKTA_TOKEN is not a setting of this service: did you mean OKTA_API_TOKEN\?/],
    ['an unknown OKTA_ name', { OKTA_ORGURL: 'https://acme.okta.com' }, /OKTA_ORGURL is not a setting of this service/],
    ['a token without OKTA_DOMAIN', { OKTA_API_TOKEN: TOKEN }, /OKTA_API_TOKEN set without OKTA_DOMAIN/],
    ['an unreadable key file', { OKTA_DOMAIN: 'acme.okta.com', OKTA_CLIENT_ID: '0oa1', OKTA_PRIVATE_KEY_FILE: '/nonexistent/key.pem' }, /OKTA_PRIVATE_KEY_FILE "\/nonexistent\/key.pem" could not be read \(ENOENT\)/],
    ['a default OAuth key that does not parse', { OKTA_DOMAIN: 'acme.okta.com', OKTA_CLIENT_ID: '0oa1', OKTA_PRIVATE_KEY: 'not a key' }, /OKTA_PRIVATE_KEY is not usable/],
    ['a default org outside the destination policy', { OKTA_DOMAIN: 'okta.attacker.example', OKTA_API_TOKEN: TOKEN }, /OKTA_DOMAIN "okta\.attacker\.example" is not an Okta org domain/],
    ['multi-tenant with a default credential', { CONNECTOR_TENANCY: 'multi', OKTA_DOMAIN: 'acme.okta.com', OKTA_API_TOKEN: TOKEN }, /CONNECTOR_TENANCY=multi has no default credential: unset OKTA_DOMAIN, OKTA_API_TOKEN/],
    ['an unknown tenancy', { CONNECTOR_TENANCY: 'both' }, /CONNECTOR_TENANCY must be "single" or "multi"/],
    ['a short caller key', { CONNECTOR_API_KEYS: 'short' }, /caller key #1 must be at least 16 characters/],
    ['an unreadable key list', { CONNECTOR_API_KEYS_FILE: '/nonexistent/keys' }, /CONNECTOR_API_KEYS_FILE "\/nonexistent\/keys" could not be read/],
    ['an empty key list', { CONNECTOR_API_KEYS_FILE: emptyKeys }, /holds no key/],
    ['a typo: CONNECTOR_API_KEY', { CONNECTOR_API_KEY: KEY, HOST: '0.0.0.0' }, /did you mean CONNECTOR_API_KEYS\?/],
    ['a malformed allowed domain', { CONNECTOR_ALLOWED_DOMAINS: 'https://x.example/path' }, /CONNECTOR_ALLOWED_DOMAINS entry "https:\/\/x\.example\/path" is not a host or host:port/],
  ])('%s stops the start with a message saying what to set', async (_what, env, message) => {
    const { child, err, exit } = spawnService(env);
    try {
      await expect(exit).resolves.toBe(1);
      expect(err()).toMatch(message);
      for (const secret of [TOKEN, KEY]) expect(err()).not.toContain(secret);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);

  test('on loopback without keys it runs, and says anyone on the machine can call it', async () => {
    const open = await startService({});
    try {
      expect(open.stdout()).toContain('NO caller keys');
      expect(open.stdout()).toContain('single org: the embedded sandbox');
      expect((await rawRequest(`${open.url}/operations/get_user`)).status).toBe(200);
    } finally {
      await open.stop();
    }
  }, 30_000);

  test('the banner names the mode and how to call with a key', () => {
    expect(multi.stdout()).toContain('multi-tenant: every call brings its own auth');
    expect(multi.stdout()).toContain("-H 'Authorization: Bearer <key>'");
    expect(single.stdout()).toContain('Callers: 1 caller key(s)');
  });
});

describe('shutdown', () => {
  test('SIGTERM lets an in-flight call finish within the grace period, then the process exits 0', async () => {
    okta.delayMs = 800;
    const before = okta.requests.length;
    const inFlight = call(multi, 'get_user', { input: { user_id: '00ub0oNGTSWTBKOLGLNR' }, auth: { domain: `http://127.0.0.1:${okta.port}`, api_token: TOKEN } });
    while (okta.requests.length === before) await new Promise((resolve) => setTimeout(resolve, 10));
    multi.child.kill('SIGTERM');
    const res = await inFlight;
    expect(res.status).toBe(200);
    expect(res.headers.connection).toBe('close');
    await expect(multi.exit).resolves.toBe(0);
    await expect(rawRequest(`${multi.url}/healthz`)).rejects.toThrow();
  }, 30_000);
});

