import { ConnectorError } from '../../core/errors';
import { postForm } from '../../http/form-post';
import { clientAssertion } from './client-assertion';
import { DpopSession } from './dpop';
import { OAuthConfig } from './oauth-auth';
import { oauthError, tokenEndpointError } from './token-errors';

export interface AccessToken {
  value: string;
  scheme: 'Bearer' | 'DPoP';
  /** Epoch ms after which the cache mints a new token instead of handing this one out. */
  renewAt: number;
}

const TOKEN_REQUEST_TIMEOUT_MS = 30_000;
const RENEW_EARLY_SECONDS = 60;
const DEFAULT_LIFETIME_SECONDS = 3600;

/** Renew a minute early, or half-way through a lifetime shorter than two minutes. */
function renewAt(expiresIn: number): number {
  return Date.now() + Math.max(expiresIn - RENEW_EARLY_SECONDS, expiresIn / 2) * 1000;
}

function parseToken(body: unknown): AccessToken {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const scheme = typeof b.token_type === 'string' ? b.token_type.toLowerCase() : '';
  if (typeof b.access_token !== 'string' || b.access_token.trim() === '' || (scheme !== 'bearer' && scheme !== 'dpop')) {
    throw new ConnectorError('api_error', "Okta's token endpoint answered 200 without a usable access token");
  }
  const expiresIn = typeof b.expires_in === 'number' && b.expires_in > 0 ? b.expires_in : DEFAULT_LIFETIME_SECONDS;
  // HTTP drops whitespace around a header value: keep the token as it will be sent (and redacted).
  return { value: b.access_token.trim(), scheme: scheme === 'dpop' ? 'DPoP' : 'Bearer', renewAt: renewAt(expiresIn) };
}

/**
 * Client credentials grant with a `private_key_jwt` assertion at the org authorization server. Switches
 * the app's session to DPoP when Okta demands a proof (`invalid_dpop_proof` while none was sent) and
 * answers one `use_dpop_nonce` challenge with the nonce Okta supplied.
 */
export async function requestAccessToken(config: OAuthConfig, dpop: DpopSession): Promise<AccessToken> {
  let switchedToDpop = false;
  let answeredNonce = false;
  for (;;) {
    const assertion = clientAssertion(config);
    const headers: Record<string, string> = {};
    if (dpop.enabled) headers.DPoP = dpop.proof('POST', config.tokenUrl, { nonce: dpop.tokenNonce });
    const res = await postForm(config.tokenUrl, {
      grant_type: 'client_credentials',
      scope: config.scopes.join(' '),
      client_assertion_type: 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer',
      client_assertion: assertion,
    }, headers, TOKEN_REQUEST_TIMEOUT_MS);
    const nonce = res.headers['dpop-nonce'];
    if (nonce && dpop.enabled) dpop.tokenNonce = nonce;
    if (res.status === 200) return parseToken(res.body);

    const code = oauthError(res.body)?.errorCode;
    if (res.status === 400 && code === 'use_dpop_nonce' && nonce && !answeredNonce) {
      answeredNonce = true;
      dpop.enabled = true;
      dpop.tokenNonce = nonce;
      continue;
    }
    // "The DPoP proof JWT header is missing.": only Okta's code drives this, never its wording.
    if (res.status === 400 && code === 'invalid_dpop_proof' && !headers.DPoP && !switchedToDpop) {
      switchedToDpop = true;
      dpop.enabled = true;
      continue;
    }
    throw tokenEndpointError(res, { scopes: config.scopes, keyId: config.keyId, redact: [assertion, ...Object.values(headers), ...config.signingKey.secrets] });
  }
}
