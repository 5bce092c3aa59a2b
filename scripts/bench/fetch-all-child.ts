/**
 * One fetch-all contender in a process of its own (run with --expose-gc), reading all 10,000 users 200 a page.
 * Mode `timed`: the first walk's RSS and heap growth over the idle baseline, then warm wall times. Mode `live`:
 * one walk with a full GC at every page, giving the live heap's peak and what the output occupies at the end.
 * Each mode gets a fresh process: a walk's leftovers (pages V8 keeps, stale references) would skew the other.
 * Prints one JSON line.
 */
import http from 'node:http';
import axios from 'axios';
import { connectorModule, sdkClient } from './contenders';
import { BENCH_TOKEN, MAX_PAGE, USERS } from './okta-server';
import { median, nowMs } from './stats';

/** `onPage` runs once a page has arrived and been parsed, before the walk moves on (the memory high point). */
type Walk = (onPage?: () => void) => Promise<unknown[]>;

function walker(contender: string, origin: string): Walk {
  if (contender === 'connector') {
    const { invoke, allowDestinations } = connectorModule();
    allowDestinations(new URL(origin).host); // the local stand-in, listed as an operator would
    const auth = { domain: origin, api_token: BENCH_TOKEN };
    return async (onPage) => {
      const logger = onPage && ((entry: { event: string }) => entry.event === 'http' && onPage());
      return ((await invoke('list_users', { fetch_all: true, limit: MAX_PAGE }, { auth, logger })) as { users: unknown[] }).users;
    };
  }
  if (contender === 'SDK') {
    const client = sdkClient(origin);
    return async (onPage) => {
      const users: unknown[] = [];
      for await (const user of await client.userApi.listUsers({ limit: MAX_PAGE })) {
        if (users.length % MAX_PAGE === 0) onPage?.();
        users.push(user);
      }
      return users;
    };
  }
  const client = axios.create({ httpAgent: new http.Agent({ keepAlive: true }), headers: { Authorization: `SSWS ${BENCH_TOKEN}` }, proxy: false });
  return async (onPage) => {
    const users: unknown[] = [];
    for (let url: string | undefined = `${origin}/api/v1/users?limit=${MAX_PAGE}`; url;) {
      const res: { data: unknown[]; headers: Record<string, unknown> } = await client.get<unknown[]>(url);
      onPage?.();
      users.push(...res.data);
      url = /<([^>]+)>;\s*rel="next"/.exec(String(res.headers.link ?? ''))?.[1];
    }
    return users;
  };
}

/** Live memory: a full GC at every page, so the heap holds only what the walk keeps (output so far + the page). */
async function liveWalk(walk: Walk, gc: () => void) {
  gc();
  const baseline = process.memoryUsage().heapUsed;
  let livePeakHeap = 0;
  const users = await walk(() => {
    gc();
    livePeakHeap = Math.max(livePeakHeap, process.memoryUsage().heapUsed - baseline);
  });
  gc();
  const retainedHeap = process.memoryUsage().heapUsed - baseline;
  if (users.length !== USERS) throw new Error(`read ${users.length} users`);
  return { livePeakHeap, retainedHeap, pageBytes: Buffer.byteLength(JSON.stringify(users.slice(0, MAX_PAGE))) };
}

/** The first walk with RSS and heap sampled every 2 ms, then timed warm walks. */
async function timedWalks(walk: Walk, gc: () => void, repeats: number) {
  gc();
  const baseline = process.memoryUsage();
  let peakRss = baseline.rss;
  let peakHeap = baseline.heapUsed;
  const sampler = setInterval(() => {
    const now = process.memoryUsage();
    peakRss = Math.max(peakRss, now.rss);
    peakHeap = Math.max(peakHeap, now.heapUsed);
  }, 2);
  const firstStarted = nowMs();
  const first = await walk();
  const firstMs = nowMs() - firstStarted;
  clearInterval(sampler);
  // maxRSS (KiB) is the kernel's own high-water mark: it catches a peak between two samples.
  peakRss = Math.max(peakRss, process.resourceUsage().maxRSS * 1024);
  if (first.length !== USERS) throw new Error(`read ${first.length} users`);
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    gc();
    const started = nowMs();
    const again = await walk();
    times.push(nowMs() - started);
    if (again.length !== USERS) throw new Error(`read ${again.length} users`);
  }
  return { firstMs, warmMs: median(times), rssGrowth: peakRss - baseline.rss, peakHeapGrowth: peakHeap - baseline.heapUsed, baselineRss: baseline.rss };
}

async function main() {
  const [mode, contender, origin, repeats = '5'] = process.argv.slice(2);
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with --expose-gc');
  const walk = walker(contender, origin);
  const result = mode === 'live' ? await liveWalk(walk, gc) : await timedWalks(walk, gc, Number(repeats));
  process.stdout.write(`${JSON.stringify({ contender, ...result })}\n`);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${String(error?.stack ?? error)}\n`);
  process.exit(1);
});
