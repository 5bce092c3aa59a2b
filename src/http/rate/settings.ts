import { ConnectorError } from '../../core/errors';
import { Deadline } from '../deadline';
import { Slots } from './slots';

/** The org's rate-limit settings: set by the service's or library's configuration, never by one call. */
export interface RateLimitSettings {
  /** Share of each bucket kept in reserve: when only this much is left, wait for the reset. Default 0.1. */
  headroom: number;
  /**
   * Requests in flight at once per org: in this process, or across every copy when the budget is shared on
   * Redis. Default 10.
   */
  maxConcurrent: number;
}

export const DEFAULT_RATE_LIMIT_SETTINGS: Readonly<RateLimitSettings> = Object.freeze({ headroom: 0.1, maxConcurrent: 10 });

/** What one call may ask for itself: only less than the org's settings allow. */
export interface CallRateLimit {
  /** A bigger reserve for this call (it stops earlier); a smaller one than the org's is ignored. */
  headroom?: number;
  /** At most this many of this call's own requests in flight. */
  maxConcurrent?: number;
}

export function checkHeadroom(value: unknown, field: string): number {
  if (typeof value !== 'number' || !(value >= 0 && value < 1)) {
    throw new ConnectorError('user_input_error', `${field} must be a number from 0 to below 1`, { fields: [field] });
  }
  return value;
}

export function checkMaxConcurrent(value: unknown, field: string): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 1_000) {
    throw new ConnectorError('user_input_error', `${field} must be a whole number from 1 to 1000`, { fields: [field] });
  }
  return value;
}

/** One call's own limits: its reserve and its own requests in flight. */
export class CallRateLimits {
  readonly headroom?: number;
  private readonly slots?: Slots;

  constructor(limit: CallRateLimit = {}) {
    if (limit.headroom !== undefined) this.headroom = checkHeadroom(limit.headroom, 'rateLimit.headroom');
    if (limit.maxConcurrent !== undefined) {
      const max = checkMaxConcurrent(limit.maxConcurrent, 'rateLimit.maxConcurrent');
      this.slots = new Slots(() => max);
    }
  }

  /** The reserve this call keeps in a bucket: the org's, or more when the call asked for more. */
  headroomOver(org: RateLimitSettings): number {
    return Math.max(org.headroom, this.headroom ?? 0);
  }

  acquire(deadline: Deadline): Promise<() => void> | undefined {
    return this.slots?.acquire(deadline);
  }
}

/** Undefined fields keep the defaults. */
export function settingsWith(given: Partial<RateLimitSettings> = {}): RateLimitSettings {
  return {
    headroom: given.headroom === undefined ? DEFAULT_RATE_LIMIT_SETTINGS.headroom : checkHeadroom(given.headroom, 'headroom'),
    maxConcurrent: given.maxConcurrent === undefined ? DEFAULT_RATE_LIMIT_SETTINGS.maxConcurrent : checkMaxConcurrent(given.maxConcurrent, 'maxConcurrent'),
  };
}
