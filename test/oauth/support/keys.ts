import { createPublicKey, generateKeyPairSync, JsonWebKey, KeyObject } from 'node:crypto';

export interface TestKey {
  kid: string;
  publicKey: KeyObject;
  pkcs8Pem: string;
  /** PKCS#1 for RSA, SEC1 for EC. */
  traditionalPem: string;
  jwk: JsonWebKey;
}

function build(kid: string, privateKey: KeyObject): TestKey {
  const traditionalType = privateKey.asymmetricKeyType === 'rsa' ? 'pkcs1' : 'sec1';
  return {
    kid,
    publicKey: createPublicKey(privateKey),
    pkcs8Pem: privateKey.export({ type: 'pkcs8', format: 'pem' }) as string,
    traditionalPem: privateKey.export({ type: traditionalType, format: 'pem' }) as string,
    jwk: { ...privateKey.export({ format: 'jwk' }), kid },
  };
}

const cache = new Map<string, TestKey>();

/** Test keys, generated once per test file (RSA generation takes a moment). */
export function rsaKey(kid = 'rsa-kid-1'): TestKey {
  if (!cache.has(kid)) cache.set(kid, build(kid, generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey));
  return cache.get(kid)!;
}

export function ecKey(curve: 'P-256' | 'P-384' | 'P-521', kid = `ec-${curve}`): TestKey {
  if (!cache.has(kid)) cache.set(kid, build(kid, generateKeyPairSync('ec', { namedCurve: curve }).privateKey));
  return cache.get(kid)!;
}

/** Every string that would reveal the private key if it showed up in an error or a log. */
export function keySecrets(key: TestKey): string[] {
  const body = key.pkcs8Pem.replace(/-----[A-Z ]+-----/g, '').split(/\s+/).filter((l) => l.length >= 16);
  const traditional = key.traditionalPem.replace(/-----[A-Z ]+-----/g, '').split(/\s+/).filter((l) => l.length >= 16);
  return [...body, ...traditional, key.jwk.d!, key.jwk.p, key.jwk.q].filter((s): s is string => typeof s === 'string');
}
