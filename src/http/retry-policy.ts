const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** A repeated request must not be able to do harm twice: POSTs are never re-sent after Okta may have acted. */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

const jitter = (baseMs: number): number => Math.random() * (250 + baseMs * 0.1);

/** Exponential backoff with jitter: ~0.5 s, 1 s, 2 s ... capped at 30 s. */
export function backoffMs(attempt: number): number {
  const base = Math.min(30_000, 500 * 2 ** attempt);
  return base + jitter(base);
}

/**
 * How long to wait after a 429: until `X-Rate-Limit-Reset`, measured against the response `Date` so that
 * clock skew between this machine and Okta does not matter. Falls back to backoff when the headers are
 * missing, duplicated or unreadable.
 */
export function rateLimitWaitMs(headers: Record<string, string>, attempt: number): number {
  const reset = headers['x-rate-limit-reset'];
  const retryAfter = headers['retry-after'];
  if (reset && /^\d+$/.test(reset.trim())) {
    const serverNow = Date.parse(headers['date'] ?? '');
    const now = Number.isNaN(serverNow) ? Date.now() : serverNow;
    const base = Math.max(0, Number(reset) * 1000 - now);
    return base + jitter(base);
  }
  if (retryAfter && /^\d+$/.test(retryAfter.trim())) {
    const base = Number(retryAfter) * 1000;
    return base + jitter(base);
  }
  return backoffMs(attempt);
}
