import { createHash, createPublicKey, JsonWebKey, KeyObject, verify } from 'node:crypto';

/** An independent JWS reader for the fake Okta: it must not share code with what it checks. */
export interface DecodedJwt {
  raw: string;
  header: Record<string, any>;
  claims: Record<string, any>;
  signingInput: string;
  signature: Buffer;
}

export function decodeJwt(raw: string): DecodedJwt {
  const parts = raw.split('.');
  if (parts.length !== 3 || parts.some((p) => !/^[A-Za-z0-9_-]*$/.test(p))) throw new Error('not a compact JWS');
  const json = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
  return { raw, header: json(parts[0]), claims: json(parts[1]), signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2], 'base64url') };
}

const ALGORITHMS: Record<string, { digest: string; type: 'rsa' | 'ec'; curve?: string; bytes?: number }> = {
  RS256: { digest: 'sha256', type: 'rsa' },
  RS384: { digest: 'sha384', type: 'rsa' },
  RS512: { digest: 'sha512', type: 'rsa' },
  ES256: { digest: 'sha256', type: 'ec', curve: 'prime256v1', bytes: 64 },
  ES384: { digest: 'sha384', type: 'ec', curve: 'secp384r1', bytes: 96 },
  ES512: { digest: 'sha512', type: 'ec', curve: 'secp521r1', bytes: 132 },
};

/** Throws unless `jwt` is signed by `key` with the algorithm its header names (and that fits the key). */
export function verifyJwt(jwt: DecodedJwt, key: KeyObject): void {
  const alg = ALGORITHMS[jwt.header.alg];
  if (!alg) throw new Error(`unsupported alg ${jwt.header.alg}`);
  if (key.asymmetricKeyType !== alg.type) throw new Error(`alg ${jwt.header.alg} does not fit a ${key.asymmetricKeyType} key`);
  if (alg.curve && key.asymmetricKeyDetails?.namedCurve !== alg.curve) throw new Error(`alg ${jwt.header.alg} does not fit curve ${key.asymmetricKeyDetails?.namedCurve}`);
  if (alg.bytes && jwt.signature.length !== alg.bytes) throw new Error(`ES signature must be raw r||s of ${alg.bytes} bytes, got ${jwt.signature.length}`);
  const ok = alg.type === 'ec'
    ? verify(alg.digest, Buffer.from(jwt.signingInput), { key, dsaEncoding: 'ieee-p1363' }, jwt.signature)
    : verify(alg.digest, Buffer.from(jwt.signingInput), key, jwt.signature);
  if (!ok) throw new Error('bad signature');
}

/** RFC 7638 thumbprint of a public EC or RSA JWK. */
export function jwkThumbprint(jwk: JsonWebKey): string {
  const members = jwk.kty === 'EC' ? { crv: jwk.crv, kty: jwk.kty, x: jwk.x, y: jwk.y } : { e: jwk.e, kty: jwk.kty, n: jwk.n };
  return createHash('sha256').update(JSON.stringify(members)).digest('base64url');
}

export function publicKeyFromJwk(jwk: JsonWebKey): KeyObject {
  return createPublicKey({ key: jwk, format: 'jwk' });
}

export const sha256b64u = (text: string): string => createHash('sha256').update(text).digest('base64url');
