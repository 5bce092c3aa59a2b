import { ConnectorError } from '../../core/errors';
import { Deadline } from '../deadline';
import { CallRateLimits, RateLimitSettings } from './settings';

/** Longest a reservation of a slot may live when its holder never gives it back (a copy that died). */
export const DEFAULT_LEASE_MS = 35_000;

/** One org's rate budget: what every call to that org acquires before sending and records after. */
export abstract class OrgGovernor {
  constructor(readonly settings: Readonly<RateLimitSettings>) {}

  /**
   * Waits for the call's own slot (when it asked for a cap), then for the org's bucket reserve and slot.
   * Returns the function that frees both.
   */
  async acquire(bucket: string, deadline: Deadline, call?: CallRateLimits, leaseMs = DEFAULT_LEASE_MS): Promise<() => void> {
    const releaseCall = await call?.acquire(deadline);
    try {
      const releaseOrg = await this.acquireForOrg(bucket, deadline, call?.headroomOver(this.settings) ?? this.settings.headroom, leaseMs);
      return () => {
        releaseOrg();
        releaseCall?.();
      };
    } catch (error) {
      releaseCall?.();
      throw error;
    }
  }

  /** Records what Okta said about the bucket (`X-Rate-Limit-*`, measured against the response `Date`). */
  abstract record(bucket: string, headers: Record<string, string>): void;

  /** True while nothing is in flight, so the governor may be dropped. */
  abstract get idle(): boolean;

  protected abstract acquireForOrg(bucket: string, deadline: Deadline, headroom: number, leaseMs: number): Promise<() => void>;
}

/** The wait a nearly used-up bucket asks for, or a rate_limited error when it ends after the call's deadline. */
export function budgetWait(bucket: string, waitMs: number, deadline: Deadline): number {
  if (waitMs > deadline.remainingMs()) {
    const seconds = Math.ceil(waitMs / 1000);
    throw new ConnectorError('rate_limited', `Okta's rate limit for ${bucket} is nearly used up; it resets in ${seconds} s, after this call's deadline. Try again in ${seconds} s`, {
      retryable: true,
      retryAfterSeconds: seconds,
    });
  }
  return waitMs;
}

/** Spreads the callers that waited for one reset over a quarter second. */
export const resetJitterMs = () => Math.random() * 250;
