import fs from 'node:fs';
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** The caller a key identifies, as the audit line names it: a label, or a short hash of the key. */
export interface Caller {
  id: string;
}

export const MIN_KEY_LENGTH = 16;
const LABEL = /^[A-Za-z0-9_.-]{1,64}$/;

export class KeyConfigError extends Error {}

interface KeyEntry {
  id: string;
  digest: Buffer;
}

/**
 * Caller keys (`Authorization: Bearer <key>`). Each configured key is kept only as an HMAC under a key
 * made fresh for this process; a presented key is hashed the same way and compared with every entry by
 * `timingSafeEqual` on equal-length digests, without stopping at a match, so neither the length of a
 * guess nor how many characters it gets right changes the time taken.
 */
export class CallerKeys {
  private readonly hmacKey = randomBytes(32);
  private readonly entries: KeyEntry[];

  /** Entries are `key` or `label:key`; the label names the caller in the audit log. */
  constructor(lines: readonly string[]) {
    const ids = new Set<string>();
    this.entries = lines.map((line, index) => {
      const colon = line.indexOf(':');
      const labelled = colon > 0 && LABEL.test(line.slice(0, colon));
      const key = labelled ? line.slice(colon + 1) : line;
      if (key.length < MIN_KEY_LENGTH || /\s/.test(key)) {
        throw new KeyConfigError(`caller key #${index + 1} must be at least ${MIN_KEY_LENGTH} characters with no spaces (generate one with: openssl rand -hex 32)`);
      }
      const id = labelled ? line.slice(0, colon) : `key-${createHash('sha256').update(key).digest('hex').slice(0, 8)}`;
      if (ids.has(id)) throw new KeyConfigError(`caller key label "${id}" is used twice`);
      ids.add(id);
      return { id, digest: this.digest(key) };
    });
  }

  get size(): number {
    return this.entries.length;
  }

  /** The caller whose key the `Authorization` header carries, or undefined. */
  identify(authorization: string | undefined): Caller | undefined {
    const match = /^Bearer[ ]+(\S+)\s*$/i.exec(authorization ?? '');
    if (!match) return undefined;
    const presented = this.digest(match[1]);
    let found: KeyEntry | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(entry.digest, presented) && !found) found = entry;
    }
    return found && { id: found.id };
  }

  private digest(key: string): Buffer {
    return createHmac('sha256', this.hmacKey).update(key).digest();
  }
}

/** CONNECTOR_API_KEYS (comma-separated) or CONNECTOR_API_KEYS_FILE (one a line, `#` comments); both is an error. */
export function callerKeysFromEnv(env: NodeJS.ProcessEnv): CallerKeys | undefined {
  const inline = env.CONNECTOR_API_KEYS;
  const file = env.CONNECTOR_API_KEYS_FILE;
  if (inline && file) throw new KeyConfigError('set CONNECTOR_API_KEYS or CONNECTOR_API_KEYS_FILE, not both');
  let lines: string[];
  if (file) {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      throw new KeyConfigError(`CONNECTOR_API_KEYS_FILE "${file}" could not be read (${(error as { code?: string }).code ?? 'error'})`);
    }
    lines = text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line && !line.startsWith('#'));
    if (!lines.length) throw new KeyConfigError(`CONNECTOR_API_KEYS_FILE "${file}" holds no key`);
  } else if (inline !== undefined && inline.trim() !== '') {
    lines = inline.split(',').map((entry) => entry.trim()).filter(Boolean);
  } else {
    return undefined;
  }
  return new CallerKeys(lines);
}
