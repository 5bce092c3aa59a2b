/** One `X-Rate-Limit-*` reading, with times on the local clock and on Okta's. */
export interface BucketReading {
  limit: number;
  remaining: number;
  /** Okta's clock (epoch ms) when the window resets: `X-Rate-Limit-Reset` is in epoch seconds. */
  resetAtOkta: number;
  /** Local clock minus Okta's, from the response `Date` (0 without one). */
  skewMs: number;
}

/** Reads Okta's rate-limit headers; undefined when they are missing or not numbers. */
export function readRateHeaders(headers: Record<string, string>): BucketReading | undefined {
  const limit = Number(headers['x-rate-limit-limit']);
  const remaining = Number(headers['x-rate-limit-remaining']);
  const reset = Number(headers['x-rate-limit-reset']);
  if (!Number.isFinite(limit) || !Number.isFinite(remaining) || !Number.isFinite(reset) || limit <= 0) return undefined;
  const serverNow = Date.parse(headers['date'] ?? '');
  const skewMs = Number.isNaN(serverNow) ? 0 : Date.now() - serverNow;
  return { limit, remaining, resetAtOkta: reset * 1000, skewMs };
}

/**
 * Local clock minus Okta's. `Date` has whole seconds, so one answer only says the skew is between what it shows
 * and a second less: the smallest reading so far is the best estimate (it saves up to a second of waiting at
 * every reset). A reading more than 1.5 s above the estimate cannot come from the same clocks: a clock moved,
 * so the estimate starts again from it.
 */
export class SkewEstimate {
  private estimate?: number;

  update(observedMs: number): number {
    if (this.estimate === undefined || observedMs < this.estimate || observedMs > this.estimate + 1_500) this.estimate = observedMs;
    return this.estimate;
  }

  get ms(): number {
    return this.estimate ?? 0;
  }
}
