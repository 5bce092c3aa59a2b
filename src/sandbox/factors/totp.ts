import { createHmac, randomBytes } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A random base32 TOTP seed (16 characters = 80 bits), as Okta's `sharedSecret`. */
export function newBase32Secret(length = 16): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => BASE32[b % 32]).join('');
}

function base32Decode(secret: string): Buffer {
  let bits = '';
  for (const char of secret.replace(/=+$/, '').toUpperCase()) {
    const value = BASE32.indexOf(char);
    if (value < 0) throw new Error('invalid base32');
    bits += value.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 code (HMAC-SHA1) for one time step. */
export function totpCode(secret: string, timeMs: number, stepSeconds = 30, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 1000 / stepSeconds)));
  const hmac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = hmac[hmac.length - 1] & 0x0f;
  const value = (hmac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(value).padStart(digits, '0');
}

/** True when `code` is the authenticator's code for now or one step either side (clock drift). */
export function totpMatches(secret: string, code: string, nowMs: number, stepSeconds = 30): boolean {
  return [-1, 0, 1].some((drift) => totpCode(secret, nowMs + drift * stepSeconds * 1000, stepSeconds) === code);
}
