import { RedisServer } from './redis-server';
import { startOktaLikeSandbox } from './okta-like-sandbox';
import { ServiceCopy, startCopies, stopCopies } from './service-copies';

/**
 * N service copies against one Okta-like org: workflow-like traffic (fetch-all walks of the users, and per-user
 * read-then-write runs) spread over the copies, with or without the shared budget on Redis.
 */
export interface CopiesRunOptions {
  copies: number;
  sharedBudget: boolean;
}

const USERS = 2_000;
const PAGE = 200;
const LIMITS = { bucketLimit: 100, windowMs: 20_000, orgConcurrency: 20, latencyMs: 20 };
const WALKS = 30;
const WRITES = 300;
const RUNNERS_PER_COPY = 8;
/** The whole run is cut off here; whatever has not finished by then counts as lost. */
const TIME_BOUND_MS = 240_000;

type Task = { kind: 'walk' } | { kind: 'write'; userId: string; n: number };

interface Outcome {
  ok: boolean;
  detail?: string;
}

async function call(copy: ServiceCopy, operation: string, input: unknown, signal: AbortSignal): Promise<{ status: number; body: any }> {
  const res = await fetch(`${copy.url}/operations/${operation}/call`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ input, options: { timeoutMs: TIME_BOUND_MS } }), signal });
  return { status: res.status, body: await res.json() };
}

async function runTask(copy: ServiceCopy, task: Task, expectedUsers: number, signal: AbortSignal): Promise<Outcome> {
  if (task.kind === 'walk') {
    const { status, body } = await call(copy, 'list_users', { fetch_all: true, limit: PAGE }, signal);
    if (status !== 200) return { ok: false, detail: `list_users ${status} ${body?.error?.type}: ${body?.error?.message}` };
    const ids = new Set((body.output.users as Array<{ id: string }>).map((u) => u.id));
    return ids.size === expectedUsers ? { ok: true } : { ok: false, detail: `list_users returned ${ids.size} of ${expectedUsers} users` };
  }
  const read = await call(copy, 'get_user', { user_id: task.userId }, signal);
  if (read.status !== 200) return { ok: false, detail: `get_user ${read.status} ${read.body?.error?.type}: ${read.body?.error?.message}` };
  const write = await call(copy, 'update_user', { user_id: task.userId, profile: { title: `Load title ${task.n}` } }, signal);
  if (write.status !== 200) return { ok: false, detail: `update_user ${write.status} ${write.body?.error?.type}: ${write.body?.error?.message}` };
  return write.body.output?.profile?.title === `Load title ${task.n}` ? { ok: true } : { ok: false, detail: 'update_user did not apply the change' };
}

export async function copiesRun({ copies: copyCount, sharedBudget }: CopiesRunOptions) {
  const sandbox = await startOktaLikeSandbox(USERS, LIMITS);
  let redis: RedisServer | undefined;
  let copies: ServiceCopy[] = [];
  const stopAll = async () => {
    await stopCopies(copies);
    await redis?.stop();
    await sandbox.close();
  };
  const onSignal = () => void stopAll().then(() => process.exit(130));
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    let redisUrl = '';
    if (sharedBudget) {
      redisUrl = process.env.CONNECTOR_REDIS_URL ?? '';
      if (!redisUrl) {
        redis = await RedisServer.start();
        redisUrl = redis.url;
      }
    }
    copies = await startCopies(copyCount, {
      OKTA_DOMAIN: sandbox.url,
      OKTA_API_TOKEN: sandbox.token,
      CONNECTOR_REDIS_URL: redisUrl,
      // The perimeter's destination policy: credentials go to loopback only when the operator says so.
      CONNECTOR_ALLOWED_DOMAINS: `127.0.0.1:${sandbox.port}`,
    });

    const users = [...sandbox.org.users.values()];
    const expectedUsers = users.filter((u) => u.status !== 'DEPROVISIONED').length;
    const writable = users.filter((u) => u.status === 'ACTIVE').map((u) => String(u.id));
    const tasks: Task[] = [];
    for (let i = 0; i < WRITES; i++) {
      if (i % (WRITES / WALKS) === 0) tasks.push({ kind: 'walk' });
      tasks.push({ kind: 'write', userId: writable[i % writable.length], n: i });
    }
    // Warm copies, as a platform runs them: one call each through the whole stack, on a bucket the run does not
    // use; then the counts start from zero.
    await Promise.all(copies.map((copy) => call(copy, 'get_user_schema', {}, AbortSignal.timeout(60_000))));
    sandbox.resetCounts();
    const total = tasks.length;
    const failures: string[] = [];
    let done = 0;
    const cutOff = new AbortController();
    const timer = setTimeout(() => cutOff.abort(), TIME_BOUND_MS);
    const started = Date.now();
    await Promise.all(
      copies.flatMap((copy) =>
        Array.from({ length: RUNNERS_PER_COPY }, async () => {
          for (let task = tasks.shift(); task && !cutOff.signal.aborted; task = tasks.shift()) {
            const outcome = await runTask(copy, task, expectedUsers, cutOff.signal).catch((error: Error) => ({ ok: false, detail: `${task!.kind}: ${error.message}` }));
            if (outcome.ok) done++;
            else failures.push(outcome.detail ?? task.kind);
          }
        })),
    );
    clearTimeout(timer);
    const elapsedS = (Date.now() - started) / 1000;
    const windowS = LIMITS.windowMs / 1000;
    const perBucket = Object.fromEntries(sandbox.counts.servedPerBucket);
    // What the buckets allow: each bucket serves bucketLimit requests a window, so the work it had to do takes at least this long.
    const idealS = Math.max(...Object.values(perBucket).map((n) => (n / LIMITS.bucketLimit) * windowS));
    const details = {
      scenario: { users: USERS, page: PAGE, ...LIMITS, walks: WALKS, writeWorkflows: WRITES, runnersPerCopy: RUNNERS_PER_COPY, timeBoundS: TIME_BOUND_MS / 1000 },
      workflowsDone: done,
      workflowsTotal: total,
      servedPerBucket: perBucket,
      bucket429: sandbox.counts.rateLimited429,
      concurrency429: sandbox.counts.concurrency429,
      maxInFlightAtOkta: sandbox.counts.maxInFlight,
      failures: failures.slice(0, 5),
    };
    return {
      details,
      result: {
        copies: copyCount,
        shared_budget: sharedBudget,
        requests: sandbox.counts.requests,
        rate_limited_429: sandbox.counts.rateLimited429 + sandbox.counts.concurrency429,
        elapsed_s: Number(elapsedS.toFixed(1)),
        ideal_s: Number(idealS.toFixed(1)),
        lost: total - done,
      },
    };
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await stopAll();
  }
}
