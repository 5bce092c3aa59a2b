import { ConnectorError, ErrorType, OktaErrorDetails } from '../core/errors';
import { OktaResponse } from './okta-request';
import { faultRule, isIdempotent, statusRule } from './retry-policy';
import type { TransportFault } from './transport';
import { challengeParam, parseWwwAuthenticate } from './www-authenticate';

/** 403 codes that mean "this input is wrong for the object's current state", not "you may not". */
const STATE_ERROR_CODES = new Set(['E0000016', 'E0000032', 'E0000038', 'E0000068', 'E0000069', 'E0000082', 'E0000083']);

/**
 * 429s that are not rate-limit buckets but per-factor limits, with the wait Okta documents. Waiting for
 * the bucket reset would not help, so they are not retried: the caller is told when to try again.
 */
export const FUNCTIONAL_LIMIT_SECONDS: Record<string, number> = {
  E0000109: 30, // SMS sent too recently
  E0000133: 30, // voice call sent too recently
  E0000118: 5, // email sent too recently
};

/** `endpointLimits`: codes that are functional limits only on the endpoint called (see `OktaRequest.functionalLimits`). */
export function functionalLimitSeconds(body: unknown, endpointLimits?: Record<string, number>): number | undefined {
  const code = (body as { errorCode?: unknown } | null)?.errorCode;
  return typeof code === 'string' ? (endpointLimits?.[code] ?? FUNCTIONAL_LIMIT_SECONDS[code]) : undefined;
}

export interface ErrorResponse {
  status: number;
  body: unknown;
  requestId?: string;
  retryAfterSeconds?: number;
  /** The `WWW-Authenticate` header: an OAuth token's `insufficient_scope` is only told there. */
  wwwAuthenticate?: string;
  /** The called operation's OAuth scopes, named when the token lacks them. */
  requiredScopes?: readonly string[];
  /** False for a POST: after a 5xx Okta may have acted, so repeating it is not known to be safe. */
  idempotent?: boolean;
}

function oktaDetails(body: unknown): OktaErrorDetails | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.errorCode === 'string') {
    return {
      errorCode: b.errorCode,
      errorSummary: typeof b.errorSummary === 'string' ? b.errorSummary : undefined,
      errorCauses: Array.isArray(b.errorCauses) ? (b.errorCauses as Array<{ errorSummary?: string }>) : [],
      errorId: typeof b.errorId === 'string' ? b.errorId : undefined,
    };
  }
  // OAuth-style error body ({error, error_description}) from the token endpoint or a bearer check.
  if (typeof b.error === 'string') {
    return { errorCode: b.error, errorSummary: typeof b.error_description === 'string' ? b.error_description : undefined };
  }
  return undefined;
}

function errorType(status: number, code: string | undefined): ErrorType {
  if (status === 401) return 'auth_error';
  if (status === 403) {
    return code && STATE_ERROR_CODES.has(code) ? 'user_input_error' : 'permission_error';
  }
  if (status === 429) return 'rate_limited';
  if (status === 408 || status === 504) return 'timeout';
  if (status >= 500) return 'api_error';
  if (status === 400 || status === 404 || status === 409 || status === 422) return 'user_input_error';
  return 'api_error';
}

function describe(status: number, okta: OktaErrorDetails | undefined): string {
  if (!okta) return `Okta answered HTTP ${status}`;
  const causes = (okta.errorCauses ?? []).map((c) => c.errorSummary).filter(Boolean);
  const summary = `${okta.errorCode}${okta.errorSummary ? `: ${okta.errorSummary}` : ''}`;
  return `Okta HTTP ${status} ${summary}${causes.length ? ` (${causes.join('; ')})` : ''}`;
}

/**
 * A 403 whose challenge says `insufficient_scope` (RFC 6750 §3.1): the OAuth token lacks a scope. The advice
 * names the operation's scopes, plus any `scope` Okta put in the challenge.
 */
function insufficientScope(response: ErrorResponse): { okta: OktaErrorDetails; advice: string } | undefined {
  const challenges = parseWwwAuthenticate(response.wwwAuthenticate);
  if (challengeParam(challenges, 'error') !== 'insufficient_scope') return undefined;
  const description = challengeParam(challenges, 'error_description');
  const named = (challengeParam(challenges, 'scope') ?? '').split(/\s+/).filter(Boolean);
  const scopes = [...new Set([...(response.requiredScopes ?? []), ...named])];
  const needed = scopes.length ? `needs ${scopes.join(', ')}` : 'needs a scope the token does not hold';
  return {
    okta: { errorCode: 'insufficient_scope', errorSummary: description },
    advice: `The OAuth access token lacks a scope this operation ${needed} (insufficient_scope). Grant ${scopes.length > 1 ? 'them' : 'it'} on the service app's "Okta API Scopes" tab, and include ${scopes.length > 1 ? 'them' : 'it'} in auth.scopes if you set those`,
  };
}

/** The one mapper from an Okta error response to the connector's error types. */
export function mapOktaError(response: ErrorResponse): ConnectorError {
  const scopeProblem = insufficientScope(response);
  const okta = oktaDetails(response.body) ?? scopeProblem?.okta;
  const type = scopeProblem ? 'permission_error' : errorType(response.status, okta?.errorCode);
  const mayHaveActed = response.status >= 500 && response.idempotent === false;
  const { callerMayRetry: retryable } = statusRule(response.status, okta?.errorCode, response.idempotent !== false);
  const sentences = [describe(response.status, okta)];
  if (mayHaveActed) sentences.push('Okta may have acted on this request before failing: check the result before repeating it');
  if (scopeProblem) sentences.push(scopeProblem.advice);
  if (type === 'rate_limited' && response.retryAfterSeconds !== undefined) sentences.push(`Try again in ${response.retryAfterSeconds} s`);
  // Okta's own summaries often end with a full stop: one stop between sentences, never two.
  const message = sentences.reduce((text, next) => `${text.replace(/\.$/, '')}. ${next}`);
  return new ConnectorError(type, message, {
    status: response.status,
    okta,
    requestId: response.requestId,
    retryable,
    retryAfterSeconds: response.retryAfterSeconds,
  });
}

/**
 * A 3xx where the caller expected Okta's answer. A redirect usually points at a domain that is not the org's
 * API host; only that host is named, never the rest of the location (it may carry a token).
 */
export function redirectError(response: OktaResponse): ConnectorError {
  const location = response.headers['location'];
  let where = '';
  try {
    if (location) where = ` to ${new URL(location, 'https://org.invalid').host}`;
  } catch {
    where = '';
  }
  return new ConnectorError('api_error', `Okta answered HTTP ${response.status} (a redirect${where}), which the connector does not follow: check that auth.domain is the Okta org's domain`, {
    status: response.status,
    requestId: response.headers['x-okta-request-id'],
  });
}

/** No answer from Okta. A POST that may have reached Okta is not known to be safe to repeat; one that never connected is. */
export function faultError(fault: TransportFault): ConnectorError {
  const { timeoutMs, maxResponseBytes } = fault.exchange;
  if (fault.reason === 'cancelled') return new ConnectorError('timeout', 'The call was cancelled by the caller');
  if (fault.reason === 'too-large') return new ConnectorError('api_error', `Okta's response exceeded the ${maxResponseBytes}-byte limit`);
  const { callerMayRetry } = faultRule(fault.reason, fault.neverSent, isIdempotent(fault.exchange.method));
  const caution = callerMayRetry ? '' : '. Okta may have acted on this request before the connection failed: check the result before repeating it';
  if (fault.reason === 'timeout') {
    return new ConnectorError('timeout', `Okta did not answer within ${timeoutMs} ms${caution}`, { retryable: callerMayRetry });
  }
  return new ConnectorError('api_error', `Network error talking to Okta${fault.code ? ` (${fault.code})` : ''}${caution}`, { retryable: callerMayRetry });
}
