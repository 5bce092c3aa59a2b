import { RunningSandbox, SANDBOX_PASS_CODE, SandboxExchange, startSandbox } from '../../src/sandbox';
import { RunningServer, startServer } from '../../src/server/http-server';
import { createLambdaHandler } from '../../src/server/lambda';
import { CallerKeys } from '../../src/server/caller-keys';
import { loadOktaSpec, readSanitizedSpec, specMissing } from '../support/okta-spec';
import { describeErrors, realResponseErrors } from '../support/spec-checks';
import { allowTestOrg } from '../support/test-org-destination';
// Each workflow is several operations over HTTP against the sandbox: well under a second when idle, several on a loaded machine.
jest.setTimeout(30_000);

/*
 * End-to-end: the connector service over HTTP, against the embedded sandbox, as a platform would call it.
 */
const LAMBDA_KEY = 'e2e-lambda-caller-key-0123456789';
let sandbox: RunningSandbox;
let service: RunningServer;
const exchanges: SandboxExchange[] = [];

beforeAll(async () => {
  sandbox = await startSandbox({ users: 1_200, onExchange: (exchange) => exchanges.push(exchange) });
  allowTestOrg(sandbox.url);
  service = await startServer({ port: 0, defaultAuth: { domain: sandbox.url, api_token: sandbox.token }, logger: () => undefined });
});
afterAll(async () => {
  await service.close(1_000);
  await sandbox.close();
});

async function call(operation: string, input: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${service.url}/operations/${operation}/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ input }),
  });
  return { status: res.status, body: await res.json() };
}

async function output(operation: string, input: unknown): Promise<any> {
  const { status, body } = await call(operation, input);
  if (status !== 200) throw new Error(`${operation} answered ${status}: ${JSON.stringify(body)}`);
  return body.output;
}

const groupNamed = async (name: string): Promise<string> => {
  const { groups } = await output('list_groups', { search: `profile.name eq "${name}"` });
  expect(groups).toHaveLength(1);
  return groups[0].id;
};

test('onboarding: staged user with custom attributes → activate → two groups → SMS factor → activated with the pass code', async () => {
  const created = await output('create_user', {
    activate: false,
    profile: { login: 'new.hire@example.com', email: 'new.hire@example.com', firstName: 'New', lastName: 'Hire', badgeId: 'B-4242', region: 'EMEA' },
  });
  expect(created).toMatchObject({ status: 'STAGED', profile: { badgeId: 'B-4242', region: 'EMEA' } });

  const activated = await output('activate_user', { user_id: created.id, send_email: false });
  expect(activated.activation_url).toEqual(expect.any(String));
  expect(['PROVISIONED', 'ACTIVE']).toContain(activated.user.status);

  for (const name of ['Engineering', 'Sales']) {
    await output('add_user_to_group', { group_id: await groupNamed(name), user_id: created.id });
  }
  const { groups: groupsOfUser } = await output('list_user_groups', { user_id: created.id });
  const oktaGroups = groupsOfUser.filter((g: { type: string }) => g.type === 'OKTA_GROUP').map((g: { profile: { name: string } }) => g.profile.name);
  expect(oktaGroups.sort()).toEqual(['Engineering', 'Sales']);
  const members = await output('list_group_members', { group_id: await groupNamed('Sales'), fetch_all: true });
  expect(members.users.map((u: { id: string }) => u.id)).toContain(created.id);

  const enrolled = await output('enroll_sms_factor', { user_id: created.id, phone_number: '+15554151337' });
  expect(enrolled.factor.status).toBe('PENDING_ACTIVATION');
  const factor = await output('activate_factor', { user_id: created.id, factor_id: enrolled.factor.id, pass_code: SANDBOX_PASS_CODE });
  expect(factor.status).toBe('ACTIVE');

  const { result: factorOptions } = await output('list_enrolled_factors_ddl', { user_id: created.id });
  expect(factorOptions).toEqual([{ text: expect.stringContaining('sms'), value: enrolled.factor.id }]);
});

test('offboarding: suspend → deactivate → delete → get is a not-found error', async () => {
  const user = await output('create_user', {
    activate: true,
    password: 'Sandbox-passw0rd',
    profile: { login: 'leaver@example.com', email: 'leaver@example.com', firstName: 'Lea', lastName: 'Ver' },
  });
  expect(user.status).toBe('ACTIVE');
  expect((await output('suspend_user', { user_id: 'leaver@example.com' })).user.status).toBe('SUSPENDED');
  expect((await output('deactivate_user', { user_id: user.id })).user.status).toBe('DEPROVISIONED');
  expect(await output('delete_user', { user_id: user.id })).toMatchObject({ deleted: true });
  const gone = await call('get_user', { user_id: user.id });
  expect(gone.status).toBe(400);
  expect(gone.body).toMatchObject({ outcome: 'error', error: { type: 'user_input_error', status: 404, okta: { errorCode: 'E0000007' } } });
});

test('fetch-all over more than 1,000 users returns exactly the org\'s users', async () => {
  const expected = [...sandbox.org.users.values()].filter((u) => u.status !== 'DEPROVISIONED').length;
  expect(expected).toBeGreaterThan(1_000);
  const { users, truncated } = await output('list_users', { fetch_all: true });
  expect(truncated).toBe(false);
  expect(users).toHaveLength(expected);
  expect(new Set(users.map((u: { id: string }) => u.id)).size).toBe(expected);
});

test('form dropdowns fill from the org: users (searched), groups, user types', async () => {
  const { result: users } = await output('list_users_ddl', { search: 'new.hire' });
  expect(users).toEqual([{ text: 'New Hire (new.hire@example.com)', value: expect.any(String) }]);
  const { result: types } = await output('list_user_types_ddl', {});
  expect(types.length).toBeGreaterThanOrEqual(2);
});

test('a lifecycle error reaches the caller clearly: suspending a STAGED user', async () => {
  const staged = await output('create_user', { activate: false, profile: { login: 'staged.one@example.com', email: 'staged.one@example.com', firstName: 'Staged', lastName: 'One' } });
  const { status, body } = await call('suspend_user', { user_id: staged.id });
  expect(status).toBe(400);
  expect(body.error).toMatchObject({ type: 'user_input_error', status: 400, okta: { errorCode: 'E0000001' } });
  expect(body.error.message).toMatch(/ACTIVE/);
});

test('the Lambda handler runs the same flow', async () => {
  const handler = createLambdaHandler({ defaultAuth: { domain: sandbox.url, api_token: sandbox.token }, logger: () => undefined, keys: new CallerKeys([`e2e:${LAMBDA_KEY}`]) });
  const invoke = async (operation: string, input: unknown) => {
    const result = await handler({
      version: '2.0',
      rawPath: `/operations/${operation}/call`,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${LAMBDA_KEY}` },
      requestContext: { http: { method: 'POST', path: `/operations/${operation}/call` }, stage: '$default' },
      body: JSON.stringify({ input }),
      isBase64Encoded: false,
    } as never);
    return { status: result.statusCode, body: JSON.parse(result.body) };
  };
  const created = await invoke('create_user', { activate: false, profile: { login: 'lambda.user@example.com', email: 'lambda.user@example.com', firstName: 'Lam', lastName: 'Bda' } });
  expect(created).toMatchObject({ status: 200, body: { outcome: 'success', output: { status: 'STAGED' } } });
  const error = await invoke('suspend_user', { user_id: created.body.output.id });
  expect(error).toMatchObject({ status: 400, body: { outcome: 'error', error: { type: 'user_input_error' } } });
  const got = await invoke('get_user', { user_id: 'lambda.user@example.com' });
  expect(got.body.output.id).toBe(created.body.output.id);
});

// Runs last: judges every answer the sandbox gave in the workflows above against Okta's spec.
const spec = readSanitizedSpec();
if (spec) {
  test("every sandbox answer in these workflows conforms to Okta's spec", async () => {
    const { api } = await loadOktaSpec(spec);
    expect(exchanges.length).toBeGreaterThan(20);
    const findings: string[] = [];
    for (const exchange of exchanges) {
      const request = { method: exchange.method, path: exchange.path, query: exchange.query, headers: { accept: 'application/json' } };
      const matched = api.matchOperation(request);
      if (!matched) {
        findings.push(`${exchange.method} ${exchange.path}: not an endpoint of Okta's spec`);
        continue;
      }
      if (exchange.status >= 300) {
        const body = exchange.responseBody as { errorCode?: unknown; errorSummary?: unknown } | undefined;
        if (typeof body?.errorCode !== 'string' || typeof body.errorSummary !== 'string') findings.push(`${exchange.method} ${exchange.path} ${exchange.status}: not an Okta error body`);
        continue;
      }
      if (exchange.responseBody === undefined) continue;
      const errors = realResponseErrors(exchange.responseBody, api.validateResponse(exchange.responseBody, matched, exchange.status).errors ?? []);
      for (const error of describeErrors(errors)) findings.push(`${exchange.method} ${exchange.path} ${exchange.status}: ${error}`);
    }
    expect(findings).toEqual([]);
  });
} else {
  specMissing('e2e workflows sandbox spec conformance');
}
