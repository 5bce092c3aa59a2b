import { userInputError } from '../core/errors';

export type QueryValue = string | number | boolean | undefined | null | Array<string | number>;

/** Builds a query string; undefined and null are left out, arrays repeat the key. */
export function buildQuery(query: Record<string, QueryValue> | undefined): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    for (const item of Array.isArray(value) ? value : [value]) params.append(key, String(item));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Encodes one path segment. A lone "." or ".." would be collapsed by every URL parser, so it is refused. */
export function encodeSegment(value: unknown): string {
  const text = String(value ?? '');
  if (text === '' || text === '.' || text === '..') {
    throw userInputError(`"${text}" is not a valid identifier in a request path`);
  }
  try {
    return encodeURIComponent(text);
  } catch {
    // URIError: an unpaired UTF-16 surrogate (JSON input can carry "\ud800") has no UTF-8 encoding.
    throw userInputError('An identifier in the request path is not valid Unicode text (it holds an unpaired surrogate)');
  }
}

/** Tagged template for Okta paths: every interpolated value becomes exactly one encoded segment. */
export function oktaPath(strings: TemplateStringsArray, ...values: unknown[]): string {
  return strings.reduce((path, part, i) => path + part + (i < values.length ? encodeSegment(values[i]) : ''), '');
}
