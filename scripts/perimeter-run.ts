/**
 * Perimeter figures (not part of `npm test`): `npx tsx scripts/perimeter-run.ts`; docs/SECURITY.md records them.
 *
 * Starts the real service (`node --import tsx src/server/main.ts`, multi-tenant, with a caller key) and
 * measures, from outside the process: RSS while one connection pipelines 6,000 GET /connector and never
 * reads (default settings, and with the pipelining cap lifted so only the one-answer-at-a-time rule
 * bounds it); time and size of the answer to a 650 KB / 60,000-key body and /healthz latency while 8 of
 * them run; depth 100,000 and 5,000; a 900 KB id; slow-loris headers and body; the caller-key comparison
 * time for wrong keys that share 0 or 31 leading characters with a real one; and TENANTS (default 10,000)
 * tenants calling a listed local org: peak fds, RSS, /healthz latency, and fds and RSS once the idle pools
 * and sockets are gone (the service is started with scripts/perimeter-pools.ts preloaded, which shortens
 * the pools' idle expiry to PERIMETER_POOL_IDLE_MS, default 2,000 ms, 0 for the product's defaults, and
 * collects garbage on SIGUSR2); PERIMETER_EVICTION_SETTLE_MS sets how long after the run that is measured.
 * PERIMETER_CASES (comma-separated, default all: pipelining,hostileBodies,slowLoris,keyComparison,tenants)
 * picks the cases. Writes PERIMETER_RUN_FILE (default /tmp/okta-connector-perimeter-run.json), with the
 * load average before and after each case (the machine is shared).
 */
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { CallerKeys } from '../src/server/caller-keys';

const root = path.resolve(__dirname, '..');
const KEY = 'perimeter-run-key-0123456789abcdef';
const TENANTS = Number(process.env.TENANTS ?? 10_000);
const OUT_FILE = process.env.PERIMETER_RUN_FILE ?? '/tmp/okta-connector-perimeter-run.json';
const CASES = (process.env.PERIMETER_CASES ?? 'pipelining,hostileBodies,slowLoris,keyComparison,tenants').split(',');
const POOL_IDLE_MS = Number(process.env.PERIMETER_POOL_IDLE_MS ?? 2_000);
/** Longer than the agents' idle-socket timeout (AGENT_LIMITS.idleSocketMs, 10 s) and the pools' idle expiry. */
const EVICTION_SETTLE_MS = Number(process.env.PERIMETER_EVICTION_SETTLE_MS ?? Math.max(POOL_IDLE_MS, 10_000) + 5_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const rssMb = (pid: number) => Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))![1]) / 1024;
const fds = (pid: number) => fs.readdirSync(`/proc/${pid}/fd`).length;

interface NodeOptions {
  flags?: string[];
  /** Modules loaded after tsx, before the service. */
  preloads?: string[];
}

async function startService(env: NodeJS.ProcessEnv, node: NodeOptions = {}): Promise<{ child: ChildProcess; url: string; port: number }> {
  const clean = { ...process.env };
  for (const key of Object.keys(clean)) if (/^(OKTA_|CONNECTOR_)/.test(key)) delete clean[key];
  const child = spawn(process.execPath, [...(node.flags ?? []), '--import', 'tsx', ...(node.preloads ?? []).flatMap((p) => ['--import', p]), 'src/server/main.ts'], {
    cwd: root,
    env: { ...clean, PORT: '0', HOST: '127.0.0.1', CONNECTOR_TENANCY: 'multi', CONNECTOR_API_KEYS: KEY, ...env },
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  let out = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const found = /service on (http:\/\/\S+)/.exec(out);
      if (found) resolve(found[1]);
    });
    child.once('exit', () => reject(new Error('service exited')));
  });
  return { child, url, port: Number(new URL(url).port) };
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
function request(url: string, method = 'GET', body?: string): Promise<{ status: number; bytes: number; ms: number }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, agent, headers: { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' } }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => (bytes += chunk.length));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ms: performance.now() - started }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

async function pipelining(extraEnv: NodeJS.ProcessEnv) {
  const { child, port } = await startService(extraEnv);
  await sleep(500);
  const before = rssMb(child.pid!);
  const socket = net.connect(port, '127.0.0.1');
  let closedByServer = false;
  socket.on('error', () => undefined);
  socket.on('close', () => (closedByServer = true));
  await new Promise((resolve) => socket.once('connect', resolve));
  socket.pause();
  socket.write(`GET /connector HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${KEY}\r\n\r\n`.repeat(6_000));
  let peak = before;
  for (let i = 0; i < 50; i++) {
    await sleep(100);
    peak = Math.max(peak, rssMb(child.pid!));
  }
  const healthz = (await request(`http://127.0.0.1:${port}/healthz`)).ms;
  const cut = closedByServer;
  socket.destroy();
  await sleep(1_000);
  const after = rssMb(child.pid!);
  await stop(child);
  return { rssBeforeMb: round(before), rssPeakMb: round(peak), growthMb: round(peak - before), rssAfterCloseMb: round(after), healthzMsWhileHeld: round(healthz), connectionClosedByService: cut };
}

async function hostileBodies() {
  const { child, url } = await startService({});
  const call = `${url}/operations/get_user/call`;
  const wideInput = Object.fromEntries(Array.from({ length: 60_000 }, (_, i) => [`k${i}`, 1]));
  const wide = JSON.stringify({ input: wideInput, auth: { domain: 'acme.okta.com', api_token: 'x'.repeat(40) } });
  const deep = (depth: number) => `{"input":{"user_id":"00u1","x":${'['.repeat(depth)}${']'.repeat(depth)}}}`;
  await request(call, 'POST', wide); // warm
  const wideRuns = [];
  for (let i = 0; i < 5; i++) wideRuns.push(await request(call, 'POST', wide));
  // 8 such bodies at once, with /healthz asked in the middle of them.
  const burst = Array.from({ length: 8 }, () => request(call, 'POST', wide));
  const healthzDuringBurst = await request(`${url}/healthz`);
  await Promise.all(burst);
  const depth100k = await request(call, 'POST', deep(100_000));
  const depth5k = await request(call, 'POST', deep(5_000));
  const longId = await request(call, 'POST', JSON.stringify({ input: { user_id: 'x'.repeat(900_000) }, auth: { domain: 'acme.okta.com', api_token: 'x'.repeat(40) } }));
  await stop(child);
  return {
    wideBody: { bytes: wide.length, status: wideRuns[0].status, medianMs: round(median(wideRuns.map((r) => r.ms))), answerBytes: wideRuns[0].bytes },
    healthzMsDuring8WideBodies: round(healthzDuringBurst.ms),
    depth100000: { status: depth100k.status, ms: round(depth100k.ms), answerBytes: depth100k.bytes },
    depth5000: { status: depth5k.status, ms: round(depth5k.ms), answerBytes: depth5k.bytes },
    id900KB: { status: longId.status, ms: round(longId.ms), answerBytes: longId.bytes },
  };
}

async function slowLoris() {
  const { child, port } = await startService({ CONNECTOR_HEADERS_TIMEOUT_MS: '2000', CONNECTOR_REQUEST_TIMEOUT_MS: '4000' });
  const cut = (first: string) =>
    new Promise<{ cutAfterMs: number; answer: string }>((resolve) => {
      const started = performance.now();
      const socket = net.connect(port, '127.0.0.1', () => socket.write(first));
      const timer = setInterval(() => socket.writable && socket.write(' '), 500);
      let data = '';
      socket.on('data', (chunk) => (data += chunk));
      socket.on('error', () => undefined);
      socket.on('close', () => {
        clearInterval(timer);
        resolve({ cutAfterMs: Math.round(performance.now() - started), answer: data.split('\r\n')[0] });
      });
    });
  const headers = await cut(`GET /healthz HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: a`);
  const body = await cut(`POST /operations/get_user/call HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`);
  await stop(child);
  return { headersTimeoutMs: 2_000, requestTimeoutMs: 4_000, slowHeaders: headers, slowBody: body };
}

function keyComparison() {
  const real = 'k'.repeat(32);
  const keys = new CallerKeys([real, 'm'.repeat(32), 'n'.repeat(32)]);
  const time = (presented: string) => {
    const header = `Bearer ${presented}`;
    for (let i = 0; i < 20_000; i++) keys.identify(header);
    const started = process.hrtime.bigint();
    for (let i = 0; i < 200_000; i++) keys.identify(header);
    return round(Number(process.hrtime.bigint() - started) / 200_000, 0);
  };
  return {
    nsPerCheck: { noCommonPrefix: time('z'.repeat(32)), thirtyOneCommonChars: time(`${'k'.repeat(31)}z`), shortGuess: time('k'.repeat(16)), rightKey: time(real) },
  };
}

async function tenants() {
  const org = http.createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'X-Okta-Request-Id': 'reqTenant' });
    res.end('{"id":"00ub0oNGTSWTBKOLGLNR","status":"ACTIVE","profile":{"login":"t@example.com"}}');
  });
  await new Promise<void>((resolve) => org.listen(0, '127.0.0.1', resolve));
  const orgPort = (org.address() as AddressInfo).port;
  const { child, url } = await startService(
    { CONNECTOR_ALLOWED_DOMAINS: `127.0.0.1:${orgPort}`, PERIMETER_POOL_IDLE_MS: String(POOL_IDLE_MS) },
    { flags: ['--expose-gc'], preloads: ['./scripts/perimeter-pools.ts'] },
  );
  const pid = child.pid!;
  await sleep(500);
  const before = { rssMb: round(rssMb(pid)), fds: fds(pid) };
  let peakFds = before.fds;
  let peakRss = before.rssMb;
  const healthz: number[] = [];
  let errors = 0;
  let done = 0;
  const sampler = setInterval(() => {
    peakFds = Math.max(peakFds, fds(pid));
    peakRss = Math.max(peakRss, rssMb(pid));
    void request(`${url}/healthz`).then((r) => healthz.push(r.ms), () => errors++);
  }, 200);
  const started = performance.now();
  const worker = async () => {
    while (done < TENANTS) {
      const i = done++;
      const body = JSON.stringify({ input: { user_id: '00ub0oNGTSWTBKOLGLNR' }, auth: { domain: `http://127.0.0.1:${orgPort}`, api_token: `00tenant${String(i).padStart(34, '0')}` } });
      const r = await request(`${url}/operations/get_user/call`, 'POST', body).catch(() => ({ status: 0 }));
      if (r.status !== 200) errors++;
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  await sleep(6_000); // past keep-alive idle timeouts
  const after = { rssMb: round(rssMb(pid)), fds: fds(pid) };
  await sleep(Math.max(0, EVICTION_SETTLE_MS - 6_000));
  const afterEviction = { rssMb: round(rssMb(pid)), fds: fds(pid) };
  child.kill('SIGUSR2');
  await sleep(1_000);
  const afterEvictionAndGc = { rssMb: round(rssMb(pid)), fds: fds(pid) };
  await stop(child);
  await new Promise((resolve) => org.close(resolve));
  return {
    tenants: TENANTS, seconds: round(seconds), errors, before, peak: { rssMb: round(peakRss), fds: peakFds }, after6sIdle: after,
    poolIdleMs: POOL_IDLE_MS, afterEviction: { ...afterEviction, secondsAfterRun: EVICTION_SETTLE_MS / 1000 }, afterEvictionAndGc,
    healthzMs: { samples: healthz.length, median: round(median(healthz)), max: round(Math.max(...healthz)) },
  };
}

async function main(): Promise<void> {
  const cases: Record<string, () => unknown> = {
    pipelining: async () => ({ defaults: await pipelining({}), capLifted: await pipelining({ CONNECTOR_MAX_PIPELINED_REQUESTS: '10000' }) }),
    hostileBodies,
    slowLoris,
    keyComparison,
    tenants,
  };
  const figures: Record<string, unknown> = { date: new Date().toISOString() };
  for (const name of CASES) {
    if (!cases[name]) throw new Error(`PERIMETER_CASES: unknown case ${name}; known: ${Object.keys(cases).join(', ')}`);
    const loadBefore = os.loadavg().map((l) => round(l, 2));
    const result = await cases[name]();
    figures[name] = { ...(result as object), loadAverage: { before: loadBefore, after: os.loadavg().map((l) => round(l, 2)) } };
  }
  fs.writeFileSync(OUT_FILE, `${JSON.stringify(figures, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(figures, null, 2)}\nwritten to ${OUT_FILE}\n`);
  agent.destroy();
}

void main();
