import { ConnectorError, OktaErrorDetails } from '../../core/errors';
import { FormResponse } from '../../http/form-post';
import { redactSecrets } from '../../http/redaction';
import { rateLimitWaitMs } from '../../http/retry-policy';

/** `{error, error_description}` (RFC 6749 §5.2), or Okta's own error shape on a 429/5xx. */
export function oauthError(body: unknown): OktaErrorDetails | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.error === 'string') {
    return { errorCode: b.error, errorSummary: typeof b.error_description === 'string' ? b.error_description : undefined };
  }
  if (typeof b.errorCode === 'string') {
    return { errorCode: b.errorCode, errorSummary: typeof b.errorSummary === 'string' ? b.errorSummary : undefined, errorId: typeof b.errorId === 'string' ? b.errorId : undefined };
  }
  return undefined;
}

/** What to do about the common refusals; Okta's own words come first in the message. */
function hint(code: string | undefined, context: TokenErrorContext): string {
  switch (code) {
    case 'invalid_client':
      return `Check the client ID, that the app authenticates with "Public key / Private key", and that its public keys include this key${context.keyId ? ` (kid ${context.keyId})` : ''}.`;
    case 'invalid_scope':
      return `Requested scopes: ${context.scopes.join(' ')}. Grant them on the app's "Okta API Scopes" tab, or set auth.scopes to scopes the app holds.`;
    case 'unauthorized_client':
      return 'The app may not use the client credentials grant: use an "API Services" app with the Client Credentials grant type.';
    case 'invalid_dpop_proof':
    case 'use_dpop_nonce':
      return 'Okta did not accept the DPoP proof.';
    default:
      return '';
  }
}

export interface TokenErrorContext {
  scopes: string[];
  keyId?: string;
  /** Strings that must not reach the message even if Okta echoed them (the assertion, the proof). */
  redact: string[];
}

/** A refused token request: `auth_error` carrying Okta's `error` and `error_description`. */
export function tokenEndpointError(res: FormResponse, context: TokenErrorContext): ConnectorError {
  const okta = oauthError(res.body);
  const requestId = res.headers['x-okta-request-id'];
  if (okta?.errorSummary) okta.errorSummary = redactSecrets(okta.errorSummary, context.redact);
  const said = okta ? `${okta.errorCode}${okta.errorSummary ? `: ${okta.errorSummary}` : ''}` : undefined;
  // The status, then Okta's words when the body had any: `HTTP 400 invalid_client: ...`, or just `HTTP 400`.
  const status = `HTTP ${res.status}${said ? ` ${said}` : ''}`;
  if (res.status === 429) {
    const retryAfterSeconds = Math.ceil(rateLimitWaitMs(res.headers, 0) / 1000);
    return new ConnectorError('rate_limited', `Okta's token endpoint is rate limited (${said ?? status}). Try again in ${retryAfterSeconds} s`, { status: 429, okta, requestId, retryable: true, retryAfterSeconds });
  }
  if (res.status >= 500) {
    return new ConnectorError('api_error', `Okta's token endpoint failed (${status})`, { status: res.status, okta, requestId, retryable: true });
  }
  const advice = hint(okta?.errorCode, context);
  const message = `Okta refused the access token request (${status})${advice ? `. ${advice}` : ''}`;
  return new ConnectorError('auth_error', message, { status: res.status, okta, requestId });
}
