/** One log record. Never holds credentials, headers or record contents. */
export interface LogEntry {
  level: 'debug' | 'info' | 'warn' | 'error';
  event: string;
  operation?: string;
  method?: string;
  path?: string;
  status?: number;
  attempt?: number;
  durationMs?: number;
  waitMs?: number;
  requestId?: string;
  message?: string;
}

export type Logger = (entry: LogEntry) => void;

/** The knobs of one call: `invoke`, the CLI and the platform envelope all accept these. */
export interface CallOptions {
  /** Overall deadline for the call, spanning retries and paging (ms). Default 120 000. */
  timeoutMs?: number;
  /** Timeout of a single HTTP request (ms). Default 30 000. */
  requestTimeoutMs?: number;
  /** Retries after a 429, a 5xx or a network error (5xx/network only for idempotent requests). Default 2; 0 turns retries off. */
  maxRetries?: number;
  /** Cancels everything the call is doing. */
  signal?: AbortSignal;
  logger?: Logger;
  /**
   * Preflight: validate, send the reads the operation needs, apply the checks that would refuse it, and return
   * the writes it would send (secrets masked) instead of sending them.
   */
  dryRun?: boolean;
  /** Rate-limit governance per org: the share of each bucket kept in reserve and the cap on requests in flight. */
  rateLimit?: { headroom?: number; maxConcurrent?: number };
}

export const DEFAULT_CALL_OPTIONS = {
  timeoutMs: 120_000,
  requestTimeoutMs: 30_000,
  maxRetries: 2,
} as const;
