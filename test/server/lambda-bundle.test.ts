import { execFile, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { startSandbox, RunningSandbox } from '../../src/sandbox';

// The one-file Lambda build (scripts/build-lambda.ts): built into a temporary folder, then run in a fresh node
// process against the sandbox, as Lambda would load it.
const ROOT = path.resolve(__dirname, '../..');
const KEY = 'lambda-bundle-caller-key-0123456789';
let out: string;
let sandbox: RunningSandbox;

beforeAll(async () => {
  out = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-lambda-'));
  execFileSync(process.execPath, ['--import', 'tsx', 'scripts/build-lambda.ts'], { cwd: ROOT, env: { ...process.env, LAMBDA_OUT_DIR: out }, stdio: 'pipe' });
  sandbox = await startSandbox({ users: 5 });
}, 120_000);

afterAll(async () => {
  await sandbox?.close();
  fs.rmSync(out, { recursive: true, force: true });
});

const CALL = `
const { handler } = require(process.argv[1]);
const events = JSON.parse(process.argv[2]);
(async () => {
  const answers = [];
  for (const event of events) answers.push(await handler(event, {}));
  process.stdout.write(JSON.stringify(answers.map((a) => ({ status: a.statusCode, body: JSON.parse(a.body) }))));
})();`;

async function lambda(events: unknown[]): Promise<Array<{ status: number; body: any }>> {
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', CALL, path.join(out, 'lambda', 'index.js'), JSON.stringify(events)], {
    env: { PATH: process.env.PATH, OKTA_DOMAIN: sandbox.url, OKTA_API_TOKEN: sandbox.token, CONNECTOR_API_KEYS: `test:${KEY}`, CONNECTOR_ALLOWED_DOMAINS: new URL(sandbox.url).host },
  });
  return JSON.parse(stdout);
}

test('the bundle answers calls with precompiled validators, and describes the connector from the JSON beside it', async () => {
  const call = (input: unknown) => ({ httpMethod: 'POST', path: '/operations/get_user/call', headers: { 'content-type': 'application/json', authorization: `Bearer ${KEY}` }, body: JSON.stringify({ input }) });
  const [found, bad, unknown, connector, described, noKey] = await lambda([
    call({ user_id: 'admin@example.com' }),
    call({ user_id: 'admin@example.com', colour: 'blue' }),
    { httpMethod: 'POST', path: '/operations/no_such_operation/call', headers: { authorization: `Bearer ${KEY}` }, body: '{"input":{}}' },
    { httpMethod: 'GET', path: '/connector', headers: { authorization: `Bearer ${KEY}` } },
    { httpMethod: 'GET', path: '/operations/list_users', headers: { authorization: `Bearer ${KEY}` } },
    { httpMethod: 'GET', path: '/connector', headers: {} },
  ]);
  expect(found).toMatchObject({ status: 200, body: { outcome: 'success', output: { profile: { login: 'admin@example.com' } } } });
  expect(bad).toMatchObject({ status: 400, body: { outcome: 'error', error: { type: 'user_input_error' } } });
  expect(JSON.stringify(bad.body)).toContain('colour');
  expect(unknown.status).toBe(404);
  expect(connector.body.operations).toHaveLength(fs.readdirSync(path.join(ROOT, 'operations')).length);
  expect(described).toMatchObject({ status: 200, body: { name: 'list_users', input_schema: { title: 'List Users Input' } } });
  expect(Object.keys(described.body.samples ?? {}).length).toBeGreaterThan(1);
  expect(noKey.status).toBe(401); // the bundle keeps the handler's caller-key check
}, 60_000);
