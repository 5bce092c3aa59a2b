/**
 * Load run (not part of `npm test`): `npm run load` (one process, the governor settings compared), or
 * `npm run load -- --copies 4 [--shared-budget]` (N service processes against one Okta-like sandbox org, with or
 * without the shared budget on Redis; scripts/load/copies-run.ts). The last line printed is one JSON object.
 *
 * The one-process run:
 *
 * A local Okta stand-in serves 10,000 users, 200 a page with Link headers, under a rate limit scaled down
 * from Okta's per-minute buckets (LIMIT requests per WINDOW_MS, X-Rate-Limit-* headers on every response,
 * 429 E0000047 when the bucket is empty) and a cap on concurrent requests (429 beyond it, as Okta's
 * concurrent rate limit). CALLS concurrent `list_users` fetch_all invokes run against it, once per
 * governor setting; two more rows tighten the server's concurrency cap below CALLS. Prints a table and writes the figures to LOAD_RUN_FILE (default /tmp/okta-connector-load-run.json).
 */
import fs from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { allowDestinations, invoke } from '../src';
import { LogEntry } from '../src/core/call-options';
import { ConnectorError } from '../src/core/errors';
import { copiesRun } from './load/copies-run';

const USERS = 10_000;
const PAGE = 200;
const LIMIT = 100;
const WINDOW_MS = 2_000;
const SERVER_CONCURRENCY = 12;
/** A tighter cap for the concurrency rows: below the 8 walkers, so only the governor's own cap avoids 429s. */
const TIGHT_SERVER_CONCURRENCY = 6;
const LATENCY_MS = 15;
const CALLS = 8;
const OUT_FILE = process.env.LOAD_RUN_FILE ?? '/tmp/okta-connector-load-run.json';

const userAt = (i: number) => ({
  id: `00u${String(i).padStart(17, '0')}`,
  status: 'ACTIVE',
  profile: { login: `user${i}@example.com`, email: `user${i}@example.com`, firstName: 'Load', lastName: `User ${i}` },
});

interface ServerStats {
  requests: number;
  served: number;
  rate429: number;
  concurrency429: number;
  maxInFlight: number;
}

/** The Okta stand-in: one fixed-window bucket for GET /api/v1/users, and a concurrency cap. */
function startServer(concurrency: number): Promise<{ origin: string; stats: ServerStats; close: () => Promise<void> }> {
  const stats: ServerStats = { requests: 0, served: 0, rate429: 0, concurrency429: 0, maxInFlight: 0 };
  let inFlight = 0;
  let windowStart = 0;
  let used = 0;
  const server = http.createServer((req, res) => {
    stats.requests++;
    const now = Date.now();
    // Windows end on whole seconds, as X-Rate-Limit-Reset is in epoch seconds.
    const start = Math.floor(now / WINDOW_MS) * WINDOW_MS;
    if (start !== windowStart) {
      windowStart = start;
      used = 0;
    }
    const reset = (windowStart + WINDOW_MS) / 1000;
    const rateHeaders = (remaining: number) => ({
      Date: new Date(now).toUTCString(),
      'X-Rate-Limit-Limit': String(LIMIT),
      'X-Rate-Limit-Remaining': String(Math.max(0, remaining)),
      'X-Rate-Limit-Reset': String(reset),
      'X-Okta-Request-Id': `load-${stats.requests}`,
    });
    const tooMany = (headers: Record<string, string>) => {
      res.writeHead(429, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.', errorLink: 'E0000047', errorId: `oae${stats.requests}`, errorCauses: [] }));
    };
    if (inFlight >= concurrency) {
      stats.concurrency429++;
      tooMany(rateHeaders(LIMIT - used));
      return;
    }
    if (used >= LIMIT) {
      stats.rate429++;
      tooMany(rateHeaders(0));
      return;
    }
    used++;
    inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, inFlight);
    const url = new URL(req.url ?? '/', 'http://local');
    const limit = Math.min(PAGE, Number(url.searchParams.get('limit') ?? PAGE));
    const offset = Number(url.searchParams.get('after') ?? 0);
    const headers: Record<string, string> = { 'Content-Type': 'application/json', ...rateHeaders(LIMIT - used) };
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const links = [`<${origin}/api/v1/users?limit=${limit}${offset ? `&after=${offset}` : ''}>; rel="self"`];
    if (offset + limit < USERS) links.push(`<${origin}/api/v1/users?limit=${limit}&after=${offset + limit}>; rel="next"`);
    setTimeout(() => {
      inFlight--;
      stats.served++;
      res.writeHead(200, { ...headers, Link: links.join(', ') });
      res.end(JSON.stringify(Array.from({ length: Math.max(0, Math.min(limit, USERS - offset)) }, (_, i) => userAt(offset + i))));
    }, LATENCY_MS);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({
        origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        stats,
        close: () => {
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      })));
}

interface RunResult {
  setting: string;
  rateLimit: { headroom?: number; maxConcurrent?: number };
  serverConcurrency: number;
  callsCompleted: number;
  callsFailed: number;
  errors: string[];
  usersPerCall: number[];
  resultsLost: number;
  requestsSent: number;
  pagesServed: number;
  received429: number;
  rate429: number;
  concurrency429: number;
  retries: number;
  maxInFlightAtServer: number;
  seconds: number;
  idealSeconds: number;
  windowBoundSeconds: number;
}

async function run(setting: string, rateLimit: RunResult['rateLimit'], serverConcurrency: number): Promise<RunResult> {
  const server = await startServer(serverConcurrency);
  allowDestinations(new URL(server.origin).host); // the local stand-in, listed as an operator would
  const auth = { domain: server.origin, api_token: `load-run-token-${setting.replace(/\W/g, '')}` };
  let retries = 0;
  const logger = (entry: LogEntry) => {
    if (entry.event === 'retry') retries++;
  };
  const started = Date.now();
  const pagesNeeded = CALLS * Math.ceil(USERS / PAGE);
  // With fixed windows the first window's whole budget is there at the start: the last page can go out
  // when the window that holds it opens, then takes one page's latency.
  const firstWindowEnd = (Math.floor(started / WINDOW_MS) + 1) * WINDOW_MS;
  const windowBoundSeconds = (firstWindowEnd - started + (Math.ceil(pagesNeeded / LIMIT) - 2) * WINDOW_MS + LATENCY_MS) / 1000;
  const outcomes = await Promise.allSettled(
    Array.from({ length: CALLS }, () => invoke('list_users', { fetch_all: true, limit: PAGE }, { auth, logger, rateLimit, timeoutMs: 300_000 })),
  );
  const seconds = (Date.now() - started) / 1000;
  await server.close();
  const usersPerCall = outcomes.map((o) => (o.status === 'fulfilled' ? new Set((o.value as { users: Array<{ id: string }> }).users.map((u) => u.id)).size : 0));
  return {
    setting,
    rateLimit,
    serverConcurrency,
    callsCompleted: outcomes.filter((o) => o.status === 'fulfilled').length,
    callsFailed: outcomes.filter((o) => o.status === 'rejected').length,
    errors: outcomes.flatMap((o) => (o.status === 'rejected' ? [`${(o.reason as ConnectorError).type}: ${(o.reason as ConnectorError).message}`] : [])),
    usersPerCall,
    resultsLost: usersPerCall.reduce((lost, n) => lost + (USERS - n), 0),
    requestsSent: server.stats.requests,
    pagesServed: server.stats.served,
    received429: server.stats.rate429 + server.stats.concurrency429,
    rate429: server.stats.rate429,
    concurrency429: server.stats.concurrency429,
    retries,
    maxInFlightAtServer: server.stats.maxInFlight,
    seconds,
    // Every page costs one request from a bucket refilled with LIMIT requests every WINDOW_MS.
    idealSeconds: pagesNeeded / (LIMIT / (WINDOW_MS / 1000)),
    windowBoundSeconds,
  };
}

async function main() {
  const settings: Array<[string, RunResult['rateLimit'], number]> = [
    ['governor defaults (headroom 0.1, maxConcurrent 10)', { headroom: 0.1, maxConcurrent: 10 }, SERVER_CONCURRENCY],
    ['headroom 0 (reactive only), maxConcurrent 10', { headroom: 0, maxConcurrent: 10 }, SERVER_CONCURRENCY],
    [`server cap ${TIGHT_SERVER_CONCURRENCY}: governor defaults (maxConcurrent 10)`, { headroom: 0.1, maxConcurrent: 10 }, TIGHT_SERVER_CONCURRENCY],
    [`server cap ${TIGHT_SERVER_CONCURRENCY}: maxConcurrent 5`, { headroom: 0.1, maxConcurrent: 5 }, TIGHT_SERVER_CONCURRENCY],
  ];
  const results: RunResult[] = [];
  for (const [name, rateLimit, serverConcurrency] of settings) {
    process.stdout.write(`running: ${name} ...\n`);
    results.push(await run(name, rateLimit, serverConcurrency));
  }
  const scenario = { users: USERS, pageSize: PAGE, concurrentCalls: CALLS, bucket: `${LIMIT} requests per ${WINDOW_MS / 1000} s`, latencyMs: LATENCY_MS, node: process.version };
  fs.writeFileSync(OUT_FILE, `${JSON.stringify({ scenario, results }, null, 2)}\n`);
  const rows = results.map((r) => [r.setting, r.serverConcurrency, `${r.callsCompleted}/${CALLS}`, r.resultsLost, r.requestsSent, r.received429, `${r.rate429}/${r.concurrency429}`, r.retries, r.maxInFlightAtServer, r.seconds.toFixed(1), r.idealSeconds.toFixed(1), (r.seconds / r.idealSeconds).toFixed(2), r.windowBoundSeconds.toFixed(1)]);
  const header = ['setting', 'server concurrency cap', 'calls ok', 'results lost', 'requests', '429s', 'rate/conc 429s', 'retries', 'max in flight', 'seconds', 'ideal s (requests / rate)', 'ratio', 'fixed-window bound s'];
  process.stdout.write(`${JSON.stringify(scenario)}\n`);
  for (const row of [header, ...rows]) process.stdout.write(`${row.join(' | ')}\n`);
  for (const r of results) for (const e of r.errors) process.stdout.write(`  ${r.setting}: ${e}\n`);
  process.stdout.write(`figures written to ${OUT_FILE}\n`);
  if (results.some((r) => r.resultsLost > 0)) process.exitCode = 1;
}

function flags(argv: string[]): { copies?: number; sharedBudget: boolean } {
  const at = argv.indexOf('--copies');
  const unknown = argv.find((arg, i) => arg.startsWith('--') && arg !== '--copies' && arg !== '--shared-budget' && !(i > 0 && argv[i - 1] === '--copies'));
  if (unknown) throw new Error(`unknown option ${unknown} (use --copies N [--shared-budget])`);
  if (at < 0) {
    if (argv.includes('--shared-budget')) throw new Error('--shared-budget goes with --copies N');
    return { sharedBudget: false };
  }
  const copies = Number(argv[at + 1]);
  if (!Number.isInteger(copies) || copies < 1 || copies > 16) throw new Error('--copies needs a whole number from 1 to 16');
  return { copies, sharedBudget: argv.includes('--shared-budget') };
}

async function entry() {
  const { copies, sharedBudget } = flags(process.argv.slice(2));
  if (copies === undefined) return main();
  const { details, result } = await copiesRun({ copies, sharedBudget });
  process.stdout.write(`${JSON.stringify(details)}\n${JSON.stringify(result)}\n`);
  if (result.lost > 0) process.exitCode = 1;
}

entry().catch((error) => {
  process.stderr.write(`${String(error?.stack ?? error)}\n`);
  process.exitCode = 1;
});
