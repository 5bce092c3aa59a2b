import { oktaErrors } from './okta-error-bodies';

export interface SandboxRateLimit {
  /** Requests per window and bucket. */
  limit: number;
  windowMs: number;
  /** Answer 429 when a bucket is empty (otherwise only the headers are sent). */
  enforce: boolean;
}

/** Okta-style per-bucket counters: `X-Rate-Limit-*` on every answer, 429 E0000047 when enforced and empty. */
export class RateLimiter {
  private readonly windows = new Map<string, { resetAt: number; used: number }>();

  constructor(readonly settings: SandboxRateLimit) {}

  take(bucket: string, now = Date.now()): Record<string, string> {
    let window = this.windows.get(bucket);
    if (!window || window.resetAt <= now) {
      window = { resetAt: now + this.settings.windowMs, used: 0 };
      this.windows.set(bucket, window);
    }
    const headers = (remaining: number) => ({
      'X-Rate-Limit-Limit': String(this.settings.limit),
      'X-Rate-Limit-Remaining': String(remaining),
      'X-Rate-Limit-Reset': String(Math.ceil(window.resetAt / 1000)),
    });
    if (window.used >= this.settings.limit && this.settings.enforce) throw oktaErrors.rateLimited(headers(0));
    window.used++;
    return headers(Math.max(0, this.settings.limit - window.used));
  }
}
