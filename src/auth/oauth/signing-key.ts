import { createPrivateKey, createPublicKey, JsonWebKey, KeyObject, sign, verify } from 'node:crypto';
import { userInputError } from '../../core/errors';
import { LruPool } from '../../http/lru-pool';
import { credentialId } from '../credential-id';
import { JwsAlgorithm } from './jwt';

/** The service app's private key, ready to sign client assertions. */
export interface SigningKey {
  key: KeyObject;
  alg: JwsAlgorithm;
  /** `kid` from a JWK, used when `auth.key_id` is not given. */
  kid?: string;
  /**
   * An HMAC of the private key (PKCS#8, so one key in any format gives one value): tells keys apart in cache
   * keys without revealing anything. Never derived from the public key alone, which anyone may copy.
   */
  fingerprint: string;
  /** Every form of the private material the caller handed in, for the leak sweeps. */
  secrets: string[];
}

const FIELD = 'auth.private_key';
const EXPECTED = 'expected a PEM private key (PKCS#8 "BEGIN PRIVATE KEY", PKCS#1 "BEGIN RSA PRIVATE KEY" or SEC1 "BEGIN EC PRIVATE KEY") or a private JWK';
const CURVE_ALG: Record<string, JwsAlgorithm> = { prime256v1: 'ES256', secp384r1: 'ES384', secp521r1: 'ES512' };
const RSA_ALGS = new Set(['RS256', 'RS384', 'RS512']);
const JWK_PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi'] as const;

// Messages never quote the input: it is a private key.
const bad = (why: string) => userInputError(`${FIELD} is not usable: ${why}`, [FIELD]);

function parseJwkText(text: string): JsonWebKey {
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as JsonWebKey;
  } catch {
    // JSON.parse quotes the text it choked on: never pass its message on.
  }
  throw bad('it starts like a JWK but is not a JSON object');
}

function fromPem(text: string): { key: KeyObject; secrets: string[] } {
  // A PEM pasted into a single-line field or an env var often arrives with literal "\n".
  const pem = text.includes('\\n') && !text.includes('\n') ? text.replace(/(?:\\r)?\\n/g, '\n') : text;
  if (!/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(pem)) {
    throw bad(/-----BEGIN (PUBLIC KEY|RSA PUBLIC KEY|CERTIFICATE)-----/.test(pem) ? 'it is a public key or certificate; the private key is needed' : EXPECTED);
  }
  if (/ENCRYPTED/.test(pem)) throw bad('encrypted (passphrase-protected) keys are not supported; export the key unencrypted');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: pem, format: 'pem' });
  } catch {
    throw bad(`the PEM could not be read; ${EXPECTED}`);
  }
  const body = pem.replace(/-----[A-Z ]+-----/g, '').split(/\s+/).filter((line) => line.length >= 16);
  return { key, secrets: [text, pem, body.join(''), ...body] };
}

function fromJwk(jwk: JsonWebKey): { key: KeyObject; secrets: string[] } {
  const privateParts = JWK_PRIVATE_MEMBERS.map((m) => jwk[m]).filter((v): v is string => typeof v === 'string' && v !== '');
  if (typeof jwk.d !== 'string' || jwk.d === '') throw bad('the JWK has no "d": it is a public key; the private JWK is needed');
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: jwk, format: 'jwk' });
  } catch {
    throw bad(`the JWK could not be read (kty ${typeof jwk.kty === 'string' ? jwk.kty : 'missing'}); an RSA or EC private JWK is needed`);
  }
  return { key, secrets: privateParts };
}

function algorithmFor(key: KeyObject, jwkAlg: unknown): JwsAlgorithm {
  if (key.asymmetricKeyType === 'rsa') {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw bad(`the RSA key has ${bits} bits; Okta requires at least 2048`);
    return typeof jwkAlg === 'string' && RSA_ALGS.has(jwkAlg) ? (jwkAlg as JwsAlgorithm) : 'RS256';
  }
  if (key.asymmetricKeyType === 'ec') {
    const alg = CURVE_ALG[key.asymmetricKeyDetails?.namedCurve ?? ''];
    if (alg) return alg;
    throw bad(`EC curve ${key.asymmetricKeyDetails?.namedCurve ?? 'unknown'} is not supported; use P-256, P-384 or P-521`);
  }
  throw bad(`${key.asymmetricKeyType ?? 'this'} keys are not supported; use an RSA or EC key`);
}

/** Keys already shown to match their public half, by fingerprint: the check costs a signature. */
const matchingKeys = new LruPool<true>({ max: 1_000, idleMs: 60 * 60_000 });

/**
 * A JWK carrying someone else's public `n`/`e` (or `x`/`y`) with made-up private members imports fine; it
 * must never pass for that key. A key whose signature its own public half does not verify is refused.
 */
function assertPrivateMatchesPublic(key: KeyObject, fingerprint: string): void {
  if (matchingKeys.get(fingerprint)) return;
  const probe = Buffer.from('okta-connector key check');
  let matches = false;
  try {
    matches = verify('sha256', probe, createPublicKey(key), sign('sha256', probe, key));
  } catch {
    matches = false;
  }
  if (!matches) throw bad('its private parts do not belong to its public key');
  matchingKeys.getOrCreate(fingerprint, () => true);
}

/**
 * Reads the private key from `auth.private_key`: a PEM string, a JWK object or a JWK as a JSON string.
 * RSA keys sign RS256 (or the JWK's RS384/RS512 `alg`); EC keys sign ES256/384/512 by curve.
 */
export function loadSigningKey(input: unknown): SigningKey {
  let parsed: { key: KeyObject; secrets: string[] };
  let jwk: JsonWebKey | undefined;
  if (input && typeof input === 'object' && !Array.isArray(input)) {
    jwk = input as JsonWebKey;
    parsed = fromJwk(jwk);
  } else if (typeof input === 'string' && input.trim() !== '') {
    const text = input.trim();
    if (text.startsWith('{')) {
      jwk = parseJwkText(text);
      parsed = fromJwk(jwk);
      parsed.secrets.push(input);
    } else {
      parsed = fromPem(text);
    }
  } else {
    throw userInputError(`${FIELD} is required: ${EXPECTED}`, [FIELD]);
  }
  const alg = algorithmFor(parsed.key, jwk?.alg);
  const fingerprint = credentialId('private-key', parsed.key.export({ type: 'pkcs8', format: 'der' }));
  assertPrivateMatchesPublic(parsed.key, fingerprint);
  return {
    key: parsed.key,
    alg,
    kid: typeof jwk?.kid === 'string' && jwk.kid !== '' ? jwk.kid : undefined,
    fingerprint,
    secrets: [...new Set(parsed.secrets)],
  };
}
