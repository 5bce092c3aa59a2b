import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nock from 'nock';
import { invoke } from '../../src';
import { ConnectorError } from '../../src/core/errors';
import { getRegistry } from '../../src/runtime/registry';
import { expandSample, loadFixtures, Sample } from '../../src/runtime/samples';
import { recordSample } from '../../scripts/samples/record';
import { replayExchanges, SAMPLE_AUTH } from '../support/sample-harness';

const root = getRegistry().root;
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-connector-record-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const readWritten = (file: string) => JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

/** Replays a written sample the way test/samples.test.ts does: nock only, no network. */
async function replay(operation: string, sample: Sample): Promise<{ output?: unknown; error?: ConnectorError; pending: string[] }> {
  nock.disableNetConnect();
  try {
    const scopes = replayExchanges(sample);
    const result: { output?: unknown; error?: ConnectorError; pending: string[] } = { pending: [] };
    try {
      result.output = await invoke(operation, sample.input, { auth: SAMPLE_AUTH, timeoutMs: 10_000 });
    } catch (error) {
      result.error = error as ConnectorError;
    }
    result.pending = scopes.flatMap((scope) => scope.pendingMocks());
    return result;
  } finally {
    nock.cleanAll();
    nock.enableNetConnect();
  }
}

async function recordAndExpand(operation: string, input: unknown, name: string, description?: string) {
  const { file, sample } = await recordSample({ operation, input, name, description, outDir: tmp });
  const written = readWritten(file);
  return { file, sample, written, expanded: expandSample(written, loadFixtures(root), file) };
}

test('a success: the file is short, expands to what went over the wire, and replays to the same output', async () => {
  const { file, sample, written, expanded } = await recordAndExpand('get_user', { user_id: 'admin@example.com' }, 'admin', 'Fetch the admin by login');
  expect(path.basename(file)).toBe('admin.json');
  expect(expanded).toEqual(sample);
  expect(written.output).toEqual({ $lastResponseBody: true });
  expect(fs.readFileSync(file, 'utf8')).not.toMatch(/"query": \{\}|"body": null|127\.0\.0\.1|sandbox-local-demo-token/);
  expect(expanded.description).toBe('Fetch the admin by login');
  expect(expanded.exchanges.map(({ request, response }) => [request.method, request.path, response.status])).toEqual([['GET', '/api/v1/users/admin%40example.com', 200]]);
  expect((expanded.output as { profile: { login: string } }).profile.login).toBe('admin@example.com');
  expect(JSON.stringify(expanded.output)).toContain('https://acme.okta.com/api/v1/users/');

  const replayed = await replay('get_user', expanded);
  expect(replayed).toEqual({ output: expanded.output, pending: [] });
});

test('an error Okta refuses with: recorded with its response and the connector error, and replays to it', async () => {
  const { expanded } = await recordAndExpand('get_user', { user_id: 'nobody@example.com' }, 'not-found');
  expect(expanded.description).toBe('Recorded from the sandbox: GET /api/v1/users/nobody%40example.com → 404');
  expect(expanded.output).toBeUndefined();
  expect(expanded.error).toMatchObject({ type: 'user_input_error', status: 404, okta: { errorCode: 'E0000007' } });
  expect(expanded.exchanges[0].response.body).toMatchObject({ errorCode: 'E0000007' });

  const replayed = await replay('get_user', expanded);
  expect(replayed.error?.toJSON()).toEqual(expanded.error);
  expect(replayed.pending).toEqual([]);
});

test('a request with a body and a query', async () => {
  const input = { profile: { login: 'rec.order@example.com', email: 'rec.order@example.com', firstName: 'Rec', lastName: 'Order' }, activate: false };
  const { expanded } = await recordAndExpand('create_user', input, 'created');
  const [first] = expanded.exchanges;
  expect(first.request).toMatchObject({ method: 'POST', path: '/api/v1/users', query: { activate: 'false' }, body: { profile: { login: 'rec.order@example.com' } } });
  expect(first.response.status).toBe(200);
  const replayed = await replay('create_user', expanded);
  expect(replayed).toEqual({ output: expanded.output, pending: [] });
});

test('two pages: the next link is followed through the recorder and written at the sample org', async () => {
  const input = { search: 'profile.department eq "Engineering"', limit: 3, fetch_all: true, max_results: 5 };
  const { expanded } = await recordAndExpand('list_users', input, 'two-pages');
  expect(expanded.exchanges.map((e) => e.request.query.after ?? 'first')).toEqual(['first', expect.stringMatching(/^00u/)]);
  expect(expanded.exchanges[0].response.headers.Link).toMatch(/^<https:\/\/acme\.okta\.com\/api\/v1\/users\?.*rel="next"$/);
  expect(expanded.exchanges[1].response.headers.Link).not.toMatch(/rel="next"/);
  const replayed = await replay('list_users', expanded);
  expect(replayed).toEqual({ output: expanded.output, pending: [] });
});

test('input refused before any request: no exchanges', async () => {
  const { written, expanded } = await recordAndExpand('get_user', { user_id: 'a', colour: 'red' }, 'unknown-field');
  expect(written.exchanges).toEqual([]);
  expect(expanded.error).toMatchObject({ type: 'user_input_error', fields: ['colour'] });
});

test('refuses to replace a file without --force, an unknown operation and a bad scenario name', async () => {
  fs.writeFileSync(path.join(tmp, 'taken.json'), '{}');
  await expect(recordSample({ operation: 'get_user', input: { user_id: 'admin@example.com' }, name: 'taken', outDir: tmp })).rejects.toThrow(/exists: pass --force/);
  await recordSample({ operation: 'get_user', input: { user_id: 'admin@example.com' }, name: 'taken', outDir: tmp, force: true });
  expect(readWritten(path.join(tmp, 'taken.json')).input).toEqual({ user_id: 'admin@example.com' });
  await expect(recordSample({ operation: 'get_usr', input: {}, name: 'x', outDir: tmp })).rejects.toThrow(/no operation "get_usr"/);
  await expect(recordSample({ operation: 'get_user', input: {}, name: '../escape', outDir: tmp })).rejects.toThrow(/lowercase words joined by dashes/);
});

test('the npm run record command line writes the file, and refuses bad usage with exit 2', () => {
  const tsx = path.join(root, 'node_modules', '.bin', 'tsx');
  const script = path.join(root, 'scripts', 'record-sample.ts');
  const out = execFileSync(tsx, [script, 'get_group', '--input', '{"group_id":"00gnotthere"}', '--name', 'cli-run', '--out', tmp], { cwd: root, encoding: 'utf8' });
  expect(out).toMatch(/wrote .*cli-run\.json: 1 exchange\(s\), error user_input_error/);
  expect(readWritten(path.join(tmp, 'cli-run.json')).input).toEqual({ group_id: '00gnotthere' });
  let status: number | null = null;
  try {
    execFileSync(tsx, [script, 'get_group', '--name', 'x'], { cwd: root, stdio: 'pipe' });
  } catch (error) {
    status = (error as { status: number }).status;
  }
  expect(status).toBe(2);
}, 60_000);
