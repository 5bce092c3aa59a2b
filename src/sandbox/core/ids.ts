import { randomBytes } from 'node:crypto';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Okta-shaped 20-character ids with a type prefix: `00u…` users, `00g…` groups, `mbl…`/`sms…` factors. */
export function newId(prefix: string): string {
  const bytes = randomBytes(20);
  let id = prefix;
  for (let i = 0; id.length < 20; i++) id += ALPHABET[bytes[i] % ALPHABET.length];
  return id;
}

/** Okta timestamps: ISO 8601 with milliseconds. */
export const timestamp = (date = new Date()): string => date.toISOString();
