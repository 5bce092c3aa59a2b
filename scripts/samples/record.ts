/**
 * Records a sample: runs an operation's input through the real dispatcher against the embedded sandbox, with a
 * wire recorder in between, and writes what went over the wire as a short sample file (docs/SAMPLES.md).
 */
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { invoke } from '../../src';
import { asConnectorError } from '../../src/core/errors';
import { packageRoot } from '../../src/core/package-files';
import { getRegistry } from '../../src/runtime/registry';
import { loadFixtures, Sample, SampleExchange } from '../../src/runtime/samples';
import { startSandbox } from '../../src/sandbox';
import { compactSample } from './compact-sample';
import { SAMPLE_ORG } from './sample-org';
import { startWireRecorder, WireExchange } from './wire-recorder';
import { allowDestinations } from '../../src/http/destination-policy';

export interface RecordOptions {
  operation: string;
  input: unknown;
  /** The scenario: the file is `<name>.json`. */
  name: string;
  description?: string;
  /** Where to write (default `operations/<operation>/samples`). */
  outDir?: string;
  /** Replace an existing file. */
  force?: boolean;
}

/** Request headers every call sends (the harness expects auth and Accept itself): not part of a sample. */
const ROUTINE_REQUEST_HEADERS = new Set(['authorization', 'host', 'user-agent', 'connection', 'accept-encoding', 'content-length', 'transfer-encoding']);
const ROUTINE_JSON_HEADERS = new Set(['accept', 'content-type']);
/** Response headers a sample keeps: what handlers or errors read. Dates, sizes and rate-limit counters are noise. */
const KEPT_RESPONSE_HEADERS: Record<string, string> = {
  link: 'Link',
  etag: 'ETag',
  location: 'Location',
  'retry-after': 'Retry-After',
  'www-authenticate': 'WWW-Authenticate',
  'x-okta-request-id': 'X-Okta-Request-Id',
};

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(', ') : (value ?? ''));
const parseBody = (text: string): unknown => {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

function queryOf(search: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(search.keys())) {
    const values = search.getAll(key);
    query[key] = values.length === 1 ? values[0] : values;
  }
  return query;
}

function toExchange(wire: WireExchange): SampleExchange {
  const url = new URL(wire.url, 'http://recorder');
  const requestHeaders: Record<string, string> = {};
  for (const [key, value] of Object.entries(wire.requestHeaders)) {
    const text = single(value);
    if (ROUTINE_REQUEST_HEADERS.has(key) || (ROUTINE_JSON_HEADERS.has(key) && text === 'application/json')) continue;
    requestHeaders[key] = text;
  }
  const responseHeaders: Record<string, string> = {};
  for (const [key, value] of Object.entries(wire.responseHeaders)) {
    if (key in KEPT_RESPONSE_HEADERS) responseHeaders[KEPT_RESPONSE_HEADERS[key]] = single(value);
  }
  return {
    request: { method: wire.method, path: url.pathname, query: queryOf(url.searchParams), headers: requestHeaders, body: parseBody(wire.requestBody) },
    response: { status: wire.status, headers: responseHeaders, body: wire.status === 204 ? null : parseBody(wire.responseBody) },
  };
}

/** The sample with the local hosts written as the sample org, so the sample suite replays it at that host. */
function atSampleOrg(sample: Sample, localOrigins: string[]): Sample {
  let text = JSON.stringify(sample);
  for (const origin of localOrigins) text = text.split(origin).join(SAMPLE_ORG);
  return JSON.parse(text) as Sample;
}

const describeExchanges = (exchanges: SampleExchange[]) =>
  exchanges.map(({ request, response }) => `${request.method} ${request.path} → ${response.status}`).join(', ') || 'no request';

/** Runs the input against a fresh sandbox and returns the full sample it makes. */
export async function recordRun(operation: string, input: unknown, description?: string): Promise<Sample> {
  if (!getRegistry().get(operation)) throw new Error(`no operation "${operation}" (operations/${operation}/ does not exist)`);
  const sandbox = await startSandbox();
  const recorder = await startWireRecorder(sandbox.url);
  // The sandbox is reached through a recorder on loopback: listed explicitly, as an operator lists a test org.
  const revoke = allowDestinations(new URL(recorder.url).host);
  try {
    const sample: Sample = { description: '', input, exchanges: [] };
    try {
      const output = await invoke(operation, structuredClone(input), { auth: { domain: recorder.url, api_token: sandbox.token }, maxRetries: 0 });
      sample.output = JSON.parse(JSON.stringify(output ?? null));
    } catch (error) {
      sample.error = asConnectorError(error).toJSON();
    }
    sample.exchanges = recorder.exchanges.map(toExchange);
    sample.description = description ?? `Recorded from the sandbox: ${describeExchanges(sample.exchanges)}`;
    return atSampleOrg(sample, [recorder.url, sandbox.url]);
  } finally {
    revoke();
    await recorder.close();
    await sandbox.close();
  }
}

/** The repo's JSON style (npm run format), also for a file written outside the repo. Prettier's CLI, so jest can run it too. */
function formatJson(root: string, file: string): void {
  const prettier = path.join(root, 'node_modules', 'prettier', 'bin', 'prettier.cjs');
  execFileSync(process.execPath, [prettier, '--config', path.join(root, '.prettierrc.json'), '--write', file], { stdio: 'pipe' });
}

/** Records and writes `<outDir>/<name>.json` in the short format; returns the file written and the full sample. */
export async function recordSample(options: RecordOptions): Promise<{ file: string; sample: Sample }> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(options.name)) throw new Error(`--name "${options.name}": use lowercase words joined by dashes, e.g. not-found`);
  const root = packageRoot();
  const outDir = options.outDir ?? path.join(root, 'operations', options.operation, 'samples');
  const file = path.join(outDir, `${options.name}.json`);
  if (fs.existsSync(file) && !options.force) throw new Error(`${path.relative(process.cwd(), file)} exists: pass --force to replace it`);
  const sample = await recordRun(options.operation, options.input, options.description);
  const written = compactSample(sample, loadFixtures(root));
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(file, JSON.stringify(written));
  formatJson(root, file);
  return { file, sample };
}
