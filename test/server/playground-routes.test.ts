import { startSandbox, RunningSandbox } from '../../src/sandbox';
import { getRegistry } from '../../src/runtime/registry';
import { allowTestOrg } from '../support/test-org-destination';
import { CallerKeys } from '../../src/server/caller-keys';
import { rawRequest } from './support/service-process';
import { postJson, startTestServer, TestServer } from './support/test-server';

let sandbox: RunningSandbox;
let server: TestServer;
let disallow: () => void;

beforeAll(async () => {
  sandbox = await startSandbox({ users: 6 });
  disallow = allowTestOrg(sandbox.url);
  server = await startTestServer({ defaultAuth: { domain: sandbox.url, api_token: sandbox.token } });
});
afterAll(async () => {
  await server?.close(100);
  await sandbox?.close();
  disallow?.();
});

const typeId = (name: string) => [...sandbox.org.userTypes.values()].find((t: any) => t.name === name)!.id as string;
const schemaOf = async (name: string, body: unknown) => {
  const response = await postJson(`${server.url}/operations/${name}/schema`, body);
  return { status: response.status, body: (await response.json()) as any };
};

describe('the page', () => {
  test('GET / is the playground page, locked to its own origin', async () => {
    const response = await fetch(`${server.url}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    const csp = response.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(await response.text()).toContain('<script src="/playground/app.js"></script>');
  });

  test('GET /playground/app.js is the bundled script, built once', async () => {
    const first = await fetch(`${server.url}/playground/app.js`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    const code = await first.text();
    expect(code).toContain('Search operations');
    expect(await (await fetch(`${server.url}/playground/app.js`)).text()).toBe(code);
  });

  test('the page is read-only: POST / is refused', async () => {
    const response = await postJson(`${server.url}/`, {});
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET');
  });
});

describe('GET /operations/{name}/samples', () => {
  test("serves the operation's samples as the registry holds them", async () => {
    const response = await fetch(`${server.url}/operations/get_user/samples`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ samples: getRegistry().get('get_user')!.samples() });
  });

  test('404 for an unknown operation, without echoing the name into a log', async () => {
    const response = await fetch(`${server.url}/operations/nope%3Cscript%3E/samples`);
    expect(response.status).toBe(404);
    expect(server.logs.at(-1)).not.toHaveProperty('operation');
  });
});

describe('POST /operations/{name}/schema', () => {
  test("create_user's input gains the default type's custom attributes, Region with its labels", async () => {
    const { status, body } = await schemaOf('create_user', { input: {} });
    expect(status).toBe(200);
    const profile = body.schema.properties.profile;
    expect(profile.properties.badgeId).toMatchObject({ title: 'Badge ID', type: 'string', maxLength: 20 });
    expect(profile.properties.region).toMatchObject({ enum: ['AMER', 'EMEA', 'APAC'], enum_labels: ['Americas', 'Europe, Middle East and Africa', 'Asia Pacific'] });
    expect(profile.properties.login.title).toBe('Login'); // the static definitions stay
    expect(profile.required).toEqual(['login', 'email', 'firstName', 'lastName']);
    expect(profile.advanced).toEqual(expect.arrayContaining(['mobilePhone', 'department']));
    expect(profile.advanced).not.toContain('login');
  });

  test("the Contractor type's input requires Agency and has no Badge ID", async () => {
    const { body } = await schemaOf('create_user', { input: { type_id: typeId('contractor') } });
    const profile = body.schema.properties.profile;
    expect(profile.properties.agency).toMatchObject({ title: 'Agency', type: 'string', minLength: 1, maxLength: 100 });
    expect(profile.required).toContain('agency');
    expect(profile.properties).not.toHaveProperty('badgeId');
  });

  test("update_user reads the picked user's type; every custom attribute may be cleared with null", async () => {
    const profile = { login: 'c.one@example.com', email: 'c.one@example.com', firstName: 'C', lastName: 'One', agency: 'Acme Staffing' };
    const created = await (await postJson(`${server.url}/operations/create_user/call`, { input: { profile, type_id: typeId('contractor'), activate: false } })).json();
    expect(created.outcome).toBe('success');
    const { body } = await schemaOf('update_user', { input: { user_id: created.output.id } });
    const fields = body.schema.properties.profile;
    expect(fields.properties.agency.type).toEqual(['string', 'null']);
    expect(fields.properties).not.toHaveProperty('badgeId');
    expect(fields.required).toBeUndefined();
    // A type picked in the form wins over the user's current one.
    const moving = await schemaOf('update_user', { input: { user_id: created.output.id, type_id: typeId('user') } });
    expect(moving.body.schema.properties.profile.properties).toHaveProperty('badgeId');
  });

  test("get_user's output profile is that of the user's type", async () => {
    const { body } = await schemaOf('get_user', { input: { user_id: 'admin@example.com' }, side: 'output' });
    expect(body.schema.properties.profile.properties.badgeId.title).toBe('Badge ID');
    expect(body.schema.properties.id).toBeDefined();
  });

  test("an operation without a dynamic schema answers the bundle's", async () => {
    const { body } = await schemaOf('get_group', { input: {} });
    const bundled = await (await fetch(`${server.url}/operations/get_group`)).json();
    expect(body.schema).toEqual(bundled.input_schema);
  });

  test.each([
    [{ input: [] }, 400, ['input']],
    [{ side: 'sideways' }, 400, ['side']],
    [{ input: {}, extra: 1 }, 400, ['extra']],
    [{ auth: 'x' }, 400, ['auth']],
  ])('refuses %j', async (sent, status, fields) => {
    const { status: got, body } = await schemaOf('create_user', sent);
    expect(got).toBe(status);
    expect(body.error).toMatchObject({ type: 'user_input_error', fields });
  });

  test('an unknown user type is the typed Okta error, and no credential leaks', async () => {
    const { status, body } = await schemaOf('create_user', { input: { type_id: 'otyNOPE' } });
    expect(status).toBe(400);
    expect(body.error.type).toBe('user_input_error');
    expect(JSON.stringify(body)).not.toContain(sandbox.token);
  });

  test('a single-org service refuses a credential in the body, as the call route does', async () => {
    const { status, body } = await schemaOf('create_user', { input: {}, auth: { domain: sandbox.url, api_token: sandbox.token } });
    expect(status).toBe(400);
    expect(body.error).toMatchObject({ type: 'user_input_error', fields: ['auth'] });
  });

  test('a multi-tenant service takes the body credential; a bad one is an auth_error, its token not echoed', async () => {
    const multi = await startTestServer({ tenancy: 'multi' });
    try {
      const token = '00wrong-token-0123456789';
      const response = await postJson(`${multi.url}/operations/create_user/schema`, { input: {}, auth: { domain: sandbox.url, api_token: token } });
      const body = await response.json();
      expect(response.status).toBe(401);
      expect(body.error.type).toBe('auth_error');
      expect(JSON.stringify(body)).not.toContain(token);
      const good = await postJson(`${multi.url}/operations/create_user/schema`, { input: {}, auth: { domain: sandbox.url, api_token: sandbox.token } });
      expect((await good.json()).schema.properties.profile.properties.badgeId.title).toBe('Badge ID');
    } finally {
      await multi.close(100);
    }
  });

  test('only JSON bodies, only POST', async () => {
    const text = await fetch(`${server.url}/operations/create_user/schema`, { method: 'POST', headers: { 'Content-Type': 'text/plain' }, body: '{}' });
    expect(text.status).toBe(415);
    expect((await fetch(`${server.url}/operations/create_user/schema`)).status).toBe(405);
    expect((await postJson(`${server.url}/operations/nope/schema`, {})).status).toBe(404);
  });
});

describe('behind caller keys', () => {
  const KEY = 'playground-test-key-0123456789';
  let keyed: TestServer;
  beforeAll(async () => {
    keyed = await startTestServer({ defaultAuth: { domain: sandbox.url, api_token: sandbox.token }, keys: new CallerKeys([KEY]) });
  });
  afterAll(() => keyed?.close(100));

  test('the page and its script load without a key (a browser cannot send one with a page load)', async () => {
    expect((await fetch(`${keyed.url}/`)).status).toBe(200);
    expect((await fetch(`${keyed.url}/playground/app.js`)).status).toBe(200);
  });

  test('the API routes the page calls want the key and challenge for it', async () => {
    for (const answer of [
      await fetch(`${keyed.url}/connector`),
      await fetch(`${keyed.url}/operations/get_user/samples`),
      await postJson(`${keyed.url}/operations/create_user/schema`, { input: {} }),
    ]) {
      expect(answer.status).toBe(401);
      expect(answer.headers.get('www-authenticate')).toMatch(/^Bearer /);
    }
    const withKey = await postJson(`${keyed.url}/operations/create_user/schema`, { input: {} }, { headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${KEY}` } });
    expect(withKey.status).toBe(200);
  });

  test('the Host check still applies to the page', async () => {
    const answer = await rawRequest(`${keyed.url}/`, { headers: { Host: 'evil.example' } });
    expect(answer.status).toBe(421);
  });
});
