const IDEMPOTENT_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** A repeated request must not be able to do harm twice: POSTs are never re-sent after Okta may have acted. */
export function isIdempotent(method: string): boolean {
  return IDEMPOTENT_METHODS.has(method.toUpperCase());
}

/**
 * Whether a failure may be repeated: by the client at once (and how it times the wait), and by the caller
 * later (`ConnectorError.retryable`). The one table the retry loop and the error mappers read.
 */
export interface RetryRule {
  resend: 'backoff' | 'rate-limit-reset' | 'no';
  callerMayRetry: boolean;
}

const NEVER: RetryRule = { resend: 'no', callerMayRetry: false };

/** Okta answered with an error status. `functionalLimit`: a 429 that is a per-object limit, not a bucket. */
export function statusRule(status: number, errorCode: string | undefined, idempotent: boolean, functionalLimit = false): RetryRule {
  if (status === 429) return { resend: functionalLimit ? 'no' : 'rate-limit-reset', callerMayRetry: true };
  // A 5xx is re-sent only when a repeat cannot do harm twice: after a POST, Okta may have acted.
  if (status >= 500 && idempotent) return { resend: 'backoff', callerMayRetry: true };
  // E0000112: "unable to update this user" while another update of it is under way.
  return { resend: 'no', callerMayRetry: errorCode === 'E0000112' };
}

/** No answer came back. Timeouts are not re-sent by the client: the call's deadline is the caller's. */
export function faultRule(reason: 'cancelled' | 'timeout' | 'too-large' | 'network', neverSent: boolean, idempotent: boolean): RetryRule {
  const safe = neverSent || idempotent;
  if (reason === 'network') return { resend: idempotent ? 'backoff' : 'no', callerMayRetry: safe };
  if (reason === 'timeout') return { resend: 'no', callerMayRetry: safe };
  return NEVER;
}

/** Another failure on the way (a malformed success body, a token request that failed): its own flag says. */
export function errorRule(type: string, retryable: boolean, idempotent: boolean): RetryRule {
  return { resend: retryable && type === 'api_error' && idempotent ? 'backoff' : 'no', callerMayRetry: retryable };
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
