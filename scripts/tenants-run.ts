/**
 * Many tenants through the library (not part of `npm test`):
 *   node --expose-gc --import tsx scripts/tenants-run.ts [TENANTS] [CONCURRENCY]
 *
 * A loopback Okta stand-in, in its own process so that the descriptors counted here are the library's,
 * accepts any well-formed SSWS token. TENANTS distinct API tokens (default 10,000) each call `get_user`
 * once, CONCURRENCY at a time (default 100). Prints open descriptors, sockets and memory before, at the peak,
 * after the run, and after the idle pools and sockets are gone; writes them to TENANTS_RUN_FILE
 * (default /tmp/okta-connector-tenants-run.json). Runs against older trees too: pool hooks are optional.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { invoke } from '../src';

const TENANTS = Number(process.argv[2] ?? 10_000);
const CONCURRENCY = Number(process.argv[3] ?? 100);
const POOL_IDLE_MS = 2_000;
/** Longer than the agents' idle-socket timeout (src/http/agents.ts). */
const SETTLE_MS = 12_000;
const OUT_FILE = process.env.TENANTS_RUN_FILE ?? '/tmp/okta-connector-tenants-run.json';

const SERVER = `
const http = require('node:http');
const user = (id) => JSON.stringify({ id, status: 'ACTIVE', profile: { login: 'tenant@example.com', email: 'tenant@example.com', firstName: 'T', lastName: 'N' }, _links: {} });
const server = http.createServer((req, res) => {
  const ok = /^SSWS [\\x21-\\x7e]{20,}$/.test(req.headers.authorization || '');
  const id = (req.url || '').split('/').pop();
  const body = ok ? user(id) : JSON.stringify({ errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] });
  res.writeHead(ok ? 200 : 401, { 'Content-Type': 'application/json', 'X-Rate-Limit-Limit': '1000000', 'X-Rate-Limit-Remaining': '999999', 'X-Rate-Limit-Reset': String(Math.floor(Date.now() / 1000) + 60), Date: new Date().toUTCString() });
  res.end(body);
});
server.keepAliveTimeout = 60000;
server.listen(0, '127.0.0.1', () => process.stdout.write('http://127.0.0.1:' + server.address().port + '\\n'));
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
`;

interface Snapshot {
  fds: number;
  sockets: number;
  rssMb: number;
  heapMb: number;
}

const gc = (globalThis as { gc?: () => void }).gc;

function snapshot(collect = true): Snapshot {
  if (collect) gc?.();
  const fds = fs.readdirSync('/proc/self/fd');
  let sockets = 0;
  for (const fd of fds) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`).startsWith('socket:')) sockets++;
    } catch {
      // closed between the listing and the read
    }
  }
  const memory = process.memoryUsage();
  return { fds: fds.length, sockets, rssMb: +(memory.rss / 2 ** 20).toFixed(1), heapMb: +(memory.heapUsed / 2 ** 20).toFixed(1) };
}

async function startServer(): Promise<{ origin: string; stop: () => void }> {
  const child = spawn(process.execPath, ['-e', SERVER], { stdio: ['pipe', 'pipe', 'inherit'] });
  const origin = await new Promise<string>((resolve) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
  });
  return { origin, stop: () => child.stdin.end() };
}

/** The pools' hooks where this tree has them (the run also measures trees from before the pools). */
async function poolHooks(): Promise<{ configure: () => void; sizes: (sweep: boolean) => Record<string, number> }> {
  const load = (path: string): Promise<Record<string, unknown>> => import(path).then((m: Record<string, unknown>) => m, () => ({}));
  const clients = await load('../src/http/client-pool');
  const tokens = await load('../src/auth/api-token');
  const call = (module: Record<string, unknown>, name: string, ...args: unknown[]) =>
    typeof module[name] === 'function' ? (module[name] as (...a: unknown[]) => unknown)(...args) : undefined;
  return {
    configure: () => {
      call(clients, 'configureClientPool', { idleMs: POOL_IDLE_MS });
      call(tokens, 'configureApiTokenProviders', { idleMs: POOL_IDLE_MS });
    },
    sizes: (sweep) => ({
      clients: (call(clients, 'clientPoolSize', { sweep }) as number | undefined) ?? -1,
      apiTokenProviders: (call(tokens, 'apiTokenProviderCount', { sweep }) as number | undefined) ?? -1,
    }),
  };
}

async function main(): Promise<void> {
  if (!gc) throw new Error('run with node --expose-gc --import tsx');
  const server = await startServer();
  const hooks = await poolHooks();
  hooks.configure();
  // One warm-up call loads the registry and schemas, so "before" is the library ready to serve.
  await invoke('get_user', { user_id: '00uwarmup' }, { auth: { domain: server.origin, api_token: '00warmup-token-000000000000000000000000' } });
  const before = snapshot();
  const peak: Snapshot = { ...before };
  const sampler = setInterval(() => {
    const now = snapshot(false);
    for (const key of Object.keys(peak) as Array<keyof Snapshot>) peak[key] = Math.max(peak[key], now[key]);
  }, 20);

  let next = 0;
  let failures = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < TENANTS) {
      const i = next++;
      const token = `00tenant${String(i).padStart(6, '0')}-${'x'.repeat(28)}`;
      try {
        await invoke('get_user', { user_id: `00u${String(i).padStart(17, '0')}` }, { auth: { domain: server.origin, api_token: token } });
      } catch {
        failures++;
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const runMs = Date.now() - started;
  clearInterval(sampler);
  const after = snapshot();
  const poolsAfter = hooks.sizes(false);

  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  const poolsEvicted = hooks.sizes(true);
  const evicted = snapshot();
  server.stop();

  const perTenantKb = (s: Snapshot) => +(((s.heapMb - before.heapMb) * 1024) / TENANTS).toFixed(2);
  const result = {
    tenants: TENANTS, concurrency: CONCURRENCY, failures, runMs, callsPerSecond: Math.round((TENANTS / runMs) * 1000),
    before, peak, after, evicted, poolsAfter, poolsEvicted,
    heapPerTenantKbAfter: perTenantKb(after), heapPerTenantKbEvicted: perTenantKb(evicted),
  };
  fs.writeFileSync(OUT_FILE, `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
}

void main().then(() => process.exit(0), (error: unknown) => {
  console.error(error);
  process.exit(1);
});
