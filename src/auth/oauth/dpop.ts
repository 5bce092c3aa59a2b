import { generateKeyPairSync, JsonWebKey, KeyObject } from 'node:crypto';
import { newJti, nowSeconds, sha256Base64url, signJwt } from './jwt';

/** `htu`: the request URL without query and fragment (RFC 9449 §4.2). */
export function htuOf(url: string): string {
  const parsed = new URL(url);
  parsed.search = '';
  parsed.hash = '';
  return parsed.toString();
}

/**
 * DPoP state of one service app at one org: whether DPoP is on, the proof key (made once, never the
 * client-assertion key) and the nonces the authorization server and the resource server asked for.
 */
export class DpopSession {
  enabled = false;
  tokenNonce?: string;
  resourceNonce?: string;
  private keyPair?: { privateKey: KeyObject; publicJwk: JsonWebKey };

  private keys(): { privateKey: KeyObject; publicJwk: JsonWebKey } {
    if (!this.keyPair) {
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const { kty, crv, x, y } = publicKey.export({ format: 'jwk' });
      this.keyPair = { privateKey, publicJwk: { kty, crv, x, y } };
    }
    return this.keyPair;
  }

  /** A one-time proof for one request; `accessToken` binds it to the token (`ath`) on API calls. */
  proof(method: string, url: string, options: { nonce?: string; accessToken?: string } = {}): string {
    const { privateKey, publicJwk } = this.keys();
    const claims: Record<string, unknown> = { htm: method.toUpperCase(), htu: htuOf(url), iat: nowSeconds(), jti: newJti() };
    if (options.nonce) claims.nonce = options.nonce;
    if (options.accessToken) claims.ath = sha256Base64url(options.accessToken);
    return signJwt('ES256', { typ: 'dpop+jwt', jwk: publicJwk }, claims, privateKey);
  }
}
