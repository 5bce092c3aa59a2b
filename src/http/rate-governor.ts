import { ConnectorError } from '../core/errors';
import { Deadline } from './deadline';

export interface RateLimitSettings {
  /** Share of each bucket kept in reserve: when only this much is left, wait for the reset. Default 0.1. */
  headroom: number;
  /** Requests in flight at once per org, shared by every call in this process. Default 10. */
  maxConcurrent: number;
}

export const DEFAULT_RATE_LIMIT_SETTINGS: RateLimitSettings = { headroom: 0.1, maxConcurrent: 10 };

interface BucketState {
  limit: number;
  remaining: number;
  /** Local clock time when the window resets. */
  resetAt: number;
}

const OKTA_ID_SEGMENT = /^[0-9a-zA-Z]{20}$|@|%40/;

/**
 * Okta counts requests per bucket: the method plus the endpoint path. Ids (and logins) in the path are
 * folded so `/api/v1/users/00u1` and `/api/v1/users/00u2` share one bucket, as they do at Okta.
 */
export function bucketKey(method: string, path: string): string {
  const segments = path.split('?')[0].split('/').map((s) => (OKTA_ID_SEGMENT.test(s) ? '{id}' : s));
  return `${method.toUpperCase()} ${segments.join('/')}`;
}

/**
 * Per-org accounting of Okta's rate-limit headers and a cap on requests in flight. Slows down before a
 * bucket runs dry, instead of only reacting to 429s.
 */
export class RateGovernor {
  private readonly buckets = new Map<string, BucketState>();
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(public settings: RateLimitSettings = { ...DEFAULT_RATE_LIMIT_SETTINGS }) {}

  /** Waits for a concurrency slot and for the bucket's reserve; returns the function that frees the slot. */
  async acquire(bucket: string, deadline: Deadline): Promise<() => void> {
    await this.waitForBudget(bucket, deadline);
    await this.waitForSlot(deadline);
    const state = this.buckets.get(bucket);
    if (state) state.remaining = Math.max(0, state.remaining - 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.inFlight--;
      this.waiting.shift()?.();
    };
  }

  /** Records what Okta said about the bucket (`X-Rate-Limit-*`, measured against the response `Date`). */
  record(bucket: string, headers: Record<string, string>): void {
    const limit = Number(headers['x-rate-limit-limit']);
    const remaining = Number(headers['x-rate-limit-remaining']);
    const reset = Number(headers['x-rate-limit-reset']);
    if (!Number.isFinite(limit) || !Number.isFinite(remaining) || !Number.isFinite(reset) || limit <= 0) return;
    const serverNow = Date.parse(headers['date'] ?? '');
    const skew = Number.isNaN(serverNow) ? 0 : Date.now() - serverNow;
    this.buckets.set(bucket, { limit, remaining, resetAt: reset * 1000 + skew });
  }

  /** How long this bucket wants callers to wait now (0 when there is budget). */
  waitMs(bucket: string): number {
    const state = this.buckets.get(bucket);
    if (!state) return 0;
    const now = Date.now();
    if (state.resetAt <= now) {
      this.buckets.delete(bucket);
      return 0;
    }
    const reserve = Math.floor(state.limit * this.settings.headroom);
    return state.remaining > reserve ? 0 : state.resetAt - now + Math.random() * 250;
  }

  private async waitForBudget(bucket: string, deadline: Deadline): Promise<void> {
    for (let wait = this.waitMs(bucket); wait > 0; wait = this.waitMs(bucket)) {
      if (wait > deadline.remainingMs()) {
        const seconds = Math.ceil(wait / 1000);
        throw new ConnectorError('rate_limited', `Okta's rate limit for ${bucket} is nearly used up; it resets in ${seconds} s, after this call's deadline. Try again in ${seconds} s`, {
          retryable: true,
          retryAfterSeconds: seconds,
        });
      }
      await deadline.sleep(wait);
    }
  }

  private async waitForSlot(deadline: Deadline): Promise<void> {
    while (this.inFlight >= this.settings.maxConcurrent) {
      deadline.check();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          const i = this.waiting.indexOf(wake);
          if (i >= 0) this.waiting.splice(i, 1);
          resolve();
        }, Math.max(1, Math.min(deadline.remainingMs(), 1_000)));
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.waiting.push(wake);
      });
    }
    this.inFlight++;
  }
}

const governors = new Map<string, RateGovernor>();

/** One governor per org, so concurrent calls with any credential of that org share the concurrency cap. */
export function governorFor(orgUrl: string, settings?: Partial<RateLimitSettings>): RateGovernor {
  let governor = governors.get(orgUrl);
  if (!governor) {
    governor = new RateGovernor();
    governors.set(orgUrl, governor);
  }
  if (settings) {
    const given = Object.entries(settings).filter(([, value]) => value !== undefined);
    if (given.length > 0) governor.settings = { ...governor.settings, ...Object.fromEntries(given) };
  }
  return governor;
}
