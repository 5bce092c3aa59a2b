import { createHash } from 'node:crypto';
import { challengeParam, parseWwwAuthenticate } from '../../http/www-authenticate';
import { AuthProvider } from '../../http/auth-provider';
import { dpopSessionFor } from './dpop';
import { parseOAuthAuth } from './oauth-auth';
import { TokenCache } from './token-cache';
import { requestAccessToken } from './token-endpoint';

const tokens = new TokenCache();

/** Okta's 401 for a token it no longer accepts: the RFC 6750 challenge, or its own E0000011 body. */
function isInvalidToken(error: string | undefined, body: unknown): boolean {
  const b = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  return error === 'invalid_token' || b.error === 'invalid_token' || b.errorCode === 'E0000011';
}

/**
 * OAuth 2.0 for an Okta service app: client credentials + `private_key_jwt`, Bearer or DPoP-bound tokens,
 * cached per org + app + key + scope set. Tokens, keys and assertions stay inside this module.
 */
export function oauthProvider(fields: Record<string, unknown>, operationScopes: readonly string[]): AuthProvider {
  const config = parseOAuthAuth(fields, operationScopes);
  const clientKey = `${config.orgUrl}|${config.clientId}|${config.signingKey.fingerprint}`;
  const tokenKey = `${clientKey}|${config.scopes.join(' ')}`;
  const dpop = dpopSessionFor(clientKey);
  if (config.forceDpop) dpop.enabled = true;
  const token = () => tokens.get(tokenKey, () => requestAccessToken(config, dpop));
  const credentialId = createHash('sha256').update(`${tokenKey}|${config.keyId ?? ''}`).digest('hex').slice(0, 16);

  return {
    orgUrl: config.orgUrl,
    // One HTTP client per scope set: the client keeps the provider it was created with.
    cacheKey: `${config.orgUrl}|oauth|${credentialId}`,
    get secrets() {
      return [...config.signingKey.secrets, ...tokens.recentTokens(tokenKey)];
    },
    async authorize({ method, url }): Promise<Record<string, string>> {
      const { value, scheme } = await token();
      if (scheme === 'Bearer') return { Authorization: `Bearer ${value}` };
      return { Authorization: `DPoP ${value}`, DPoP: dpop.proof(method, url, { accessToken: value, nonce: dpop.resourceNonce }) };
    },
    async renewAfterUnauthorized({ headers, body }) {
      const error = challengeParam(parseWwwAuthenticate(headers['www-authenticate']), 'error');
      const nonce = headers['dpop-nonce'];
      if (error === 'use_dpop_nonce' && nonce && nonce !== dpop.resourceNonce) {
        dpop.resourceNonce = nonce;
        return true;
      }
      if (isInvalidToken(error, body)) {
        tokens.invalidate(tokenKey);
        return true;
      }
      return false;
    },
  };
}
