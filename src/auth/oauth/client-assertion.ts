import { newJti, nowSeconds, signJwt } from './jwt';
import { OAuthConfig } from './oauth-auth';

/** Seconds a client assertion stays valid. Okta allows up to an hour; it is used at once, so keep it short. */
export const ASSERTION_LIFETIME_SECONDS = 300;

/** The `private_key_jwt` client assertion (RFC 7523): signed by the app's key, good for one token request. */
export function clientAssertion(config: OAuthConfig): string {
  const iat = nowSeconds();
  const header = { typ: 'JWT', ...(config.keyId ? { kid: config.keyId } : {}) };
  const claims = {
    iss: config.clientId,
    sub: config.clientId,
    aud: config.tokenUrl,
    iat,
    exp: iat + ASSERTION_LIFETIME_SECONDS,
    jti: newJti(),
  };
  return signJwt(config.signingKey.alg, header, claims, config.signingKey.key);
}
