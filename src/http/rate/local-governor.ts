import { Deadline } from '../deadline';
import { readRateHeaders, SkewEstimate } from './okta-headers';
import { budgetWait, OrgGovernor, resetJitterMs } from './org-governor';
import { DEFAULT_RATE_LIMIT_SETTINGS, RateLimitSettings } from './settings';
import { Slots } from './slots';

interface BucketState {
  limit: number;
  remaining: number;
  /** Local clock time when the window resets. */
  resetAt: number;
}

/**
 * Per-org accounting of Okta's rate-limit headers and a cap on requests in flight, in this process. Slows down
 * before a bucket runs dry, instead of only reacting to 429s.
 */
export class RateGovernor extends OrgGovernor {
  private readonly buckets = new Map<string, BucketState>();
  private readonly slots = new Slots(() => this.settings.maxConcurrent);
  private readonly skew = new SkewEstimate();

  constructor(settings: Readonly<RateLimitSettings> = DEFAULT_RATE_LIMIT_SETTINGS) {
    super(settings);
  }

  get idle(): boolean {
    return this.slots.inUse === 0;
  }

  record(bucket: string, headers: Record<string, string>): void {
    const reading = readRateHeaders(headers);
    if (reading) this.buckets.set(bucket, { limit: reading.limit, remaining: reading.remaining, resetAt: reading.resetAtOkta + this.skew.update(reading.skewMs) });
  }

  /** How long this bucket wants callers to wait now (0 when there is budget). */
  waitMs(bucket: string, headroom = this.settings.headroom): number {
    const state = this.buckets.get(bucket);
    if (!state) return 0;
    const now = Date.now();
    if (state.resetAt <= now) {
      this.buckets.delete(bucket);
      return 0;
    }
    const reserve = Math.floor(state.limit * headroom);
    return state.remaining > reserve ? 0 : state.resetAt - now + resetJitterMs();
  }

  /** Public so the shared governor can fall back to it. */
  async acquireForOrg(bucket: string, deadline: Deadline, headroom: number): Promise<() => void> {
    for (let wait = this.waitMs(bucket, headroom); wait > 0; wait = this.waitMs(bucket, headroom)) {
      await deadline.sleep(budgetWait(bucket, wait, deadline));
    }
    const release = await this.slots.acquire(deadline);
    const state = this.buckets.get(bucket);
    if (state) state.remaining = Math.max(0, state.remaining - 1);
    return release;
  }
}
