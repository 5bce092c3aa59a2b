import { ConnectorError } from '../core/errors';
import { OktaRequest, OktaResponse } from './okta-request';
import { faultError, functionalLimitSeconds, mapOktaError, redirectError } from './okta-errors';
import { REQUEST_KINDS, RequestKind } from './request-kinds';
import { backoffMs, errorRule, faultRule, isIdempotent, rateLimitWaitMs, RetryRule, statusRule } from './retry-policy';
import { TransportFault } from './transport';

/** What one attempt produced: Okta's answer, or whatever stopped it (a transport fault, a token error ...). */
export type Outcome = { response: OktaResponse } | { error: unknown };

export interface Attempt {
  request: OktaRequest;
  kind: RequestKind;
  /** 0 for the first send. */
  attempt: number;
  maxRetries: number;
  /** Time left before the call's deadline. */
  remainingMs: number;
  /** The credential can be renewed after a 401 (and has not been yet on this call). */
  canRenew: boolean;
  /** The operation's OAuth scopes, named when the token lacks one. */
  scopes?: readonly string[];
}

export type Decision =
  | { action: 'return'; response: OktaResponse }
  | { action: 'renew'; response: OktaResponse }
  | { action: 'retry'; waitMs: number; reason: string }
  /** `error.retryable` tells the caller whether it may try again later. */
  | { action: 'fail'; error: unknown };

function waitFor(rule: RetryRule, attempt: number, headers: Record<string, string> = {}): number | undefined {
  if (rule.resend === 'backoff') return backoffMs(attempt);
  if (rule.resend === 'rate-limit-reset') return rateLimitWaitMs(headers, attempt);
  return undefined;
}

function decideOnError(at: Attempt, error: unknown): Decision {
  const idempotent = isIdempotent(at.request.method);
  let rule: RetryRule;
  let failure = error;
  if (error instanceof TransportFault) {
    rule = faultRule(error.reason, error.neverSent, idempotent);
    failure = faultError(error);
  } else if (error instanceof ConnectorError) {
    rule = errorRule(error.type, error.retryable, idempotent);
  } else {
    return { action: 'fail', error };
  }
  const waitMs = at.attempt < at.maxRetries ? waitFor(rule, at.attempt) : undefined;
  // A backoff that outlasts the deadline would only end in a bare timeout: report the failure now.
  if (waitMs !== undefined && waitMs <= at.remainingMs) return { action: 'retry', waitMs, reason: 'network error' };
  return { action: 'fail', error: failure };
}

function decideOnStatus(at: Attempt, response: OktaResponse): Decision {
  const handling = REQUEST_KINDS[at.kind];
  if (response.status < 300) return { action: 'return', response };
  if (response.status < 400) return handling.redirect === 'return' ? { action: 'return', response } : { action: 'fail', error: redirectError(response) };
  if (response.status === 401 && at.canRenew) return { action: 'renew', response };

  const idempotent = isIdempotent(at.request.method);
  const functionalWait = response.status === 429 ? functionalLimitSeconds(response.body, at.request.functionalLimits) : undefined;
  const code = (response.body as { errorCode?: unknown } | null)?.errorCode;
  const rule = statusRule(response.status, typeof code === 'string' ? code : undefined, idempotent, functionalWait !== undefined);
  const waitMs = at.attempt < at.maxRetries ? waitFor(rule, at.attempt, response.headers) : undefined;
  if (waitMs !== undefined && waitMs <= at.remainingMs) return { action: 'retry', waitMs, reason: `HTTP ${response.status}` };
  if (handling.errorStatus === 'return') return { action: 'return', response };

  let retryAfterSeconds: number | undefined;
  if (response.status === 429) {
    // A wait past the deadline is the one to report; otherwise the limit's own wait, or the bucket's reset.
    retryAfterSeconds = waitMs !== undefined ? Math.ceil(waitMs / 1000) : functionalWait ?? Math.ceil(rateLimitWaitMs(response.headers, 0) / 1000);
  }
  return {
    action: 'fail',
    error: mapOktaError({
      status: response.status,
      body: response.body,
      requestId: response.headers['x-okta-request-id'],
      retryAfterSeconds,
      wwwAuthenticate: response.headers['www-authenticate'],
      requiredScopes: at.scopes,
      idempotent,
    }),
  };
}

/**
 * The one retry decision: given what an attempt produced, return it, renew the credential, send it again
 * after a wait, or fail with the error the caller sees.
 */
export function decide(at: Attempt & { canRenew: false }, outcome: Outcome): Exclude<Decision, { action: 'renew' }>;
export function decide(at: Attempt, outcome: Outcome): Decision;
export function decide(at: Attempt, outcome: Outcome): Decision {
  return 'response' in outcome ? decideOnStatus(at, outcome.response) : decideOnError(at, outcome.error);
}
