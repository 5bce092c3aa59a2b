import http from 'node:http';
import { AddressInfo } from 'node:net';
import { SandboxOrg } from '../../src/sandbox/core/org';
import { createSandboxServer } from '../../src/sandbox/core/server';
import { sandboxRoutes, SANDBOX_TOKEN } from '../../src/sandbox';
import { seedDemoOrg } from '../../src/sandbox/seed-demo-org';

export interface OktaLikeLimits {
  /** Requests per bucket (method + route) and window, as Okta's per-endpoint buckets. */
  bucketLimit: number;
  windowMs: number;
  /** Requests in flight per org; beyond it a 429, as Okta's concurrent rate limit. */
  orgConcurrency: number;
  /** Time each answer takes, so requests overlap as they do against a real org. */
  latencyMs: number;
}

export interface SandboxCounts {
  requests: number;
  rateLimited429: number;
  concurrency429: number;
  maxInFlight: number;
  /** Answers that were not 429, per bucket (what the work needed from each bucket). */
  servedPerBucket: Map<string, number>;
}

const bucketOf = (method: string, path: string) => `${method} ${path.split('?')[0].replace(/\/00u[0-9A-Za-z]{17}/g, '/{id}')}`;

/**
 * The embedded sandbox with enforced Okta-like buckets (429 E0000047 when one is empty), behind a thin front that
 * adds latency, caps requests in flight per org and counts every answer.
 */
export async function startOktaLikeSandbox(users: number, limits: OktaLikeLimits) {
  const org = new SandboxOrg();
  seedDemoOrg(org, { users });
  const inner = createSandboxServer({ routes: sandboxRoutes(org), token: SANDBOX_TOKEN, rateLimit: { limit: limits.bucketLimit, windowMs: limits.windowMs, enforce: true } });
  const counts: SandboxCounts = { requests: 0, rateLimited429: 0, concurrency429: 0, maxInFlight: 0, servedPerBucket: new Map() };
  let inFlight = 0;
  const front = http.createServer((req, res) => {
    counts.requests++;
    if (inFlight >= limits.orgConcurrency) {
      counts.concurrency429++;
      const now = Date.now();
      res.writeHead(429, { 'Content-Type': 'application/json', Date: new Date(now).toUTCString(), 'X-Rate-Limit-Limit': '0', 'X-Rate-Limit-Remaining': '0', 'X-Rate-Limit-Reset': String(Math.ceil(now / 1000) + 1) });
      res.end(JSON.stringify({ errorCode: 'E0000047', errorSummary: 'API call exceeded rate limit due to too many requests.', errorLink: 'E0000047', errorId: `oaeload${counts.requests}`, errorCauses: [] }));
      return;
    }
    inFlight++;
    counts.maxInFlight = Math.max(counts.maxInFlight, inFlight);
    res.on('close', () => {
      inFlight--;
      if (res.statusCode === 429) counts.rateLimited429++;
      else {
        const bucket = bucketOf(req.method ?? 'GET', req.url ?? '/');
        counts.servedPerBucket.set(bucket, (counts.servedPerBucket.get(bucket) ?? 0) + 1);
      }
    });
    setTimeout(() => inner.emit('request', req, res), limits.latencyMs);
  });
  await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  org.baseUrl = url;
  return {
    url,
    port: (front.address() as AddressInfo).port,
    token: SANDBOX_TOKEN,
    org,
    counts,
    resetCounts: () => Object.assign(counts, { requests: 0, rateLimited429: 0, concurrency429: 0, maxInFlight: 0, servedPerBucket: new Map() }),
    close: () =>
      new Promise<void>((resolve) => {
        front.closeAllConnections();
        front.close(() => resolve());
      }),
  };
}
