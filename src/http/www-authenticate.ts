/** One challenge of a `WWW-Authenticate` header, e.g. `Bearer error="insufficient_scope", scope="okta.users.read"`. */
export interface AuthChallenge {
  /** Lower-cased auth scheme (`bearer`, `dpop`). */
  scheme: string;
  /** Parameters by lower-cased name, quoted strings unescaped. */
  params: Record<string, string>;
}

const TOKEN = "[!#$%&'*+.^_`|~0-9A-Za-z-]+";
const PARAM = new RegExp(`^(${TOKEN})\\s*=\\s*("(?:[^"\\\\]|\\\\.)*"|[^\\s,]*)\\s*$`, 's');
const SCHEME = new RegExp(`^(${TOKEN})(?:\\s+(.*))?$`, 's');

/** Splits on commas that are not inside a quoted string. */
function splitItems(header: string): string[] {
  const items: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < header.length; i++) {
    const ch = header[i];
    if (quoted && ch === '\\' && i + 1 < header.length) {
      current += ch + header[++i];
      continue;
    }
    if (ch === '"') quoted = !quoted;
    if (ch === ',' && !quoted) {
      items.push(current.trim());
      current = '';
    } else {
      current += ch;
    }
  }
  items.push(current.trim());
  return items.filter(Boolean);
}

function unquote(value: string): string {
  return value.startsWith('"') ? value.slice(1, -1).replace(/\\(.)/g, '$1') : value;
}

/**
 * Parses a `WWW-Authenticate` value (RFC 9110 §11.6.1). Several headers joined with ", " parse as one
 * list. Unreadable pieces are skipped: this header only ever refines an error, it never causes one.
 */
export function parseWwwAuthenticate(header: string | undefined): AuthChallenge[] {
  if (!header) return [];
  const challenges: AuthChallenge[] = [];
  for (const item of splitItems(header)) {
    const param = PARAM.exec(item);
    if (param && challenges.length > 0) {
      challenges[challenges.length - 1].params[param[1].toLowerCase()] = unquote(param[2]);
      continue;
    }
    const scheme = SCHEME.exec(item);
    if (!scheme) continue;
    const challenge: AuthChallenge = { scheme: scheme[1].toLowerCase(), params: {} };
    const first = scheme[2] ? PARAM.exec(scheme[2].trim()) : null;
    if (first) challenge.params[first[1].toLowerCase()] = unquote(first[2]);
    challenges.push(challenge);
  }
  return challenges;
}

/** The first value of a parameter across all challenges (e.g. `error`). */
export function challengeParam(challenges: AuthChallenge[], name: string): string | undefined {
  for (const challenge of challenges) {
    const value = challenge.params[name];
    if (value !== undefined) return value;
  }
  return undefined;
}
