import { CallOptions, DEFAULT_CALL_OPTIONS, Logger } from '../core/call-options';
import { Deadline } from './deadline';
import { CallRateLimits } from './rate-governor';

/** Per-call state shared by every request one operation makes. */
export interface CallScope {
  deadline: Deadline;
  options: Required<Pick<CallOptions, 'requestTimeoutMs' | 'maxRetries'>>;
  logger?: Logger;
  operation?: string;
  /** What this call asked for itself (a lower concurrency, a bigger reserve); the org's settings are the configuration's. */
  rateLimit?: CallRateLimits;
  /** The operation's OAuth scopes, named in the error when the access token lacks them. */
  scopes?: readonly string[];
  maxResponseBytes?: number;
}

export function scopeFor(options: CallOptions, operation?: string, scopes?: readonly string[]): CallScope {
  return {
    deadline: new Deadline(options.timeoutMs ?? DEFAULT_CALL_OPTIONS.timeoutMs, options.signal),
    options: {
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_CALL_OPTIONS.requestTimeoutMs,
      maxRetries: options.maxRetries ?? DEFAULT_CALL_OPTIONS.maxRetries,
    },
    logger: options.logger,
    operation,
    scopes,
    rateLimit: options.rateLimit ? new CallRateLimits(options.rateLimit) : undefined,
  };
}
