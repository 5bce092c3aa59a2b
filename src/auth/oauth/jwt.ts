import { createHash, KeyObject, randomBytes, sign } from 'node:crypto';

/** The JWS algorithms Okta accepts for `private_key_jwt` (and ES256 for DPoP proofs). */
export type JwsAlgorithm = 'RS256' | 'RS384' | 'RS512' | 'ES256' | 'ES384' | 'ES512';

const DIGEST: Record<JwsAlgorithm, string> = {
  RS256: 'sha256', RS384: 'sha384', RS512: 'sha512', ES256: 'sha256', ES384: 'sha384', ES512: 'sha512',
};

export const base64url = (data: string | Buffer): string => Buffer.from(data).toString('base64url');

export const sha256Base64url = (text: string): string => createHash('sha256').update(text).digest('base64url');

/** A fresh, unguessable JWT id (Okta rejects a replayed `jti`). */
export const newJti = (): string => randomBytes(18).toString('base64url');

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

/**
 * A compact JWS. ES* signatures use the raw `r || s` encoding JWS requires (RFC 7518 §3.4), not the DER
 * that node:crypto produces by default.
 */
export function signJwt(alg: JwsAlgorithm, header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject): string {
  const input = `${base64url(JSON.stringify({ alg, ...header }))}.${base64url(JSON.stringify(claims))}`;
  const signature = alg.startsWith('ES')
    ? sign(DIGEST[alg], Buffer.from(input), { key, dsaEncoding: 'ieee-p1363' })
    : sign(DIGEST[alg], Buffer.from(input), key);
  return `${input}.${signature.toString('base64url')}`;
}
