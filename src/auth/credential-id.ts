import { createHmac, randomBytes } from 'node:crypto';

/** Per process, never stored or logged: ids cannot be matched across processes or guessed offline. */
const KEY = randomBytes(32);

/**
 * The identity of a credential for caches and pools: an HMAC of its secret material (the API token, the
 * private key's private parts) plus whatever else tells credentials apart (org, client id). Public values
 * alone never make an identity, so a credential that copies another's public key cannot share its state.
 */
export function credentialId(...parts: Array<string | Buffer>): string {
  const mac = createHmac('sha256', KEY);
  // Length-prefixed, so that no other list of parts spells the same input.
  for (const part of parts) {
    const bytes = typeof part === 'string' ? Buffer.from(part, 'utf8') : part;
    mac.update(`${bytes.length}:`).update(bytes);
  }
  return mac.digest('hex');
}
