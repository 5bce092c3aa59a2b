import { challengeParam, parseWwwAuthenticate } from '../../http/www-authenticate';
import { AuthProvider } from '../../http/auth-provider';
import { credentialId } from '../credential-id';
import { appStateFor } from './app-state';
import { parseOAuthAuth } from './oauth-auth';
import { requestAccessToken } from './token-endpoint';

const RECENT_SENT_KEPT = 5;

/** Okta's 401 for a token it no longer accepts: the RFC 6750 challenge, or its own E0000011 body. */
function isInvalidToken(error: string | undefined, body: unknown): boolean {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return error === 'invalid_token' || b.error === 'invalid_token' || b.errorCode === 'E0000011';
}

/**
 * OAuth 2.0 for an Okta service app: client credentials + `private_key_jwt`, Bearer or DPoP-bound tokens,
 * cached per org + app + private key + scope set. Tokens, keys and assertions stay inside this module.
 */
export function oauthProvider(fields: Record<string, unknown>, operationScopes: readonly string[]): AuthProvider {
  const config = parseOAuthAuth(fields, operationScopes);
  const appKey = credentialId('oauth-app', config.orgUrl, config.clientId, config.signingKey.fingerprint);
  const scopeKey = config.scopes.join(' ');
  // Looked up on each use, so that an app evicted while idle comes back with fresh state.
  const app = () => {
    const state = appStateFor(appKey);
    if (config.forceDpop) state.dpop.enabled = true;
    return state;
  };
  // What this provider sent stays redacted in answers even if the app's state is dropped meanwhile.
  const sent: string[] = [];

  return {
    orgUrl: config.orgUrl,
    // One HTTP client per scope set: the client keeps the provider it was created with.
    cacheKey: `${config.orgUrl}|oauth|${credentialId(appKey, scopeKey, config.keyId ?? '')}`,
    get secrets() {
      return [...new Set([...config.signingKey.secrets, ...sent, ...app().tokens.recentTokens(scopeKey)])];
    },
    async authorize({ method, url }): Promise<Record<string, string>> {
      // One state for the token and the proof: a DPoP-bound token only goes with its own session's key.
      const { tokens, dpop } = app();
      const { value, scheme } = await tokens.get(scopeKey, () => requestAccessToken(config, dpop));
      if (!sent.includes(value)) sent.splice(0, sent.length, value, ...sent.slice(0, RECENT_SENT_KEPT - 1));
      if (scheme === 'Bearer') return { Authorization: `Bearer ${value}` };
      return { Authorization: `DPoP ${value}`, DPoP: dpop.proof(method, url, { accessToken: value, nonce: dpop.resourceNonce }) };
    },
    async renewAfterUnauthorized({ headers, body }) {
      const { tokens, dpop } = app();
      const error = challengeParam(parseWwwAuthenticate(headers['www-authenticate']), 'error');
      const nonce = headers['dpop-nonce'];
      if (error === 'use_dpop_nonce' && nonce && nonce !== dpop.resourceNonce) {
        dpop.resourceNonce = nonce;
        return true;
      }
      if (isInvalidToken(error, body)) {
        tokens.invalidate(scopeKey);
        return true;
      }
      return false;
    },
  };
}
