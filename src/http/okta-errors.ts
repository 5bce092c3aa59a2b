import { ConnectorError, ErrorType, OktaErrorDetails } from '../errors';

/** 403 codes that mean "this input is wrong for the object's current state", not "you may not". */
const STATE_ERROR_CODES = new Set(['E0000016', 'E0000032', 'E0000038', 'E0000068', 'E0000069', 'E0000082', 'E0000083']);

export interface ErrorResponse {
  status: number;
  body: unknown;
  requestId?: string;
  retryAfterSeconds?: number;
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

/** The one mapper from an Okta error response to the connector's error types. */
export function mapOktaError(response: ErrorResponse): ConnectorError {
  const okta = oktaDetails(response.body);
  const type = errorType(response.status, okta?.errorCode);
  const retryable = response.status === 429 || response.status >= 500 || okta?.errorCode === 'E0000112';
  let message = describe(response.status, okta);
  if (type === 'rate_limited' && response.retryAfterSeconds !== undefined) {
    message += `. Try again in ${response.retryAfterSeconds} s`;
  }
  return new ConnectorError(type, message, {
    status: response.status,
    okta,
    requestId: response.requestId,
    retryable,
    retryAfterSeconds: response.retryAfterSeconds,
  });
}
