import { userInputError } from '../core/errors';
import type { HttpMethod, OktaRequest } from '../http/okta-request';

/**
 * Checks for the raw HTTP operation, which sends the org's credential to whatever path a builder types.
 * Everything that could move the request off the org host, smuggle a header or replace the connector's
 * own auth is refused before anything is sent.
 */

export interface RawRequestInput {
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | boolean>;
  headers?: Record<string, string>;
  body?: unknown;
}

/** Headers the connector owns (auth, host pinning, framing): a caller may not set them. */
export const RESERVED_HEADERS = new Set([
  'authorization', 'proxy-authorization', 'cookie', 'host', 'dpop', 'content-length',
  'transfer-encoding', 'connection', 'keep-alive', 'upgrade', 'te', 'trailer', 'expect',
]);

/** Response headers not handed back to the workflow: a session cookie is a credential too. */
const HIDDEN_RESPONSE_HEADERS = new Set(['set-cookie']);

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Tab, visible ASCII and Latin-1: no CR/LF/NUL or other controls (header injection), nothing Node refuses.
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;
const PROBE_ORIGIN = 'https://org.invalid';

const refuse = (field: string, why: string) => userInputError(`Invalid input: ${field} ${why}`, [field]);

function hasSpaceOrControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return false;
}

function isDotSegment(segment: string): boolean {
  const decoded = segment.replace(/%2e/gi, '.');
  return decoded === '.' || decoded === '..';
}

/**
 * A path on the org host. A query string in the path is parsed into the query (so it is encoded once,
 * the same way as `query`); a fragment is refused because it never reaches Okta.
 */
export function guardPath(path: string): { path: string; query: Record<string, string[]> } {
  if (/^[a-z][a-z0-9+.-]*:/i.test(path)) throw refuse('path', 'must be a path on the Okta org such as /api/v1/users/me, not a full URL');
  if (!path.startsWith('/')) throw refuse('path', 'must start with "/", such as /api/v1/users/me');
  if (path.startsWith('//')) throw refuse('path', 'must not start with "//" (a protocol-relative URL names another host)');
  if (path.includes('\\')) throw refuse('path', 'must not contain a backslash');
  if (hasSpaceOrControl(path)) throw refuse('path', 'must not contain spaces or control characters (URL-encode them)');
  if (path.includes('#')) throw refuse('path', 'must not contain a fragment (#)');
  const [pathPart] = path.split('?');
  if (pathPart.split('/').some(isDotSegment)) throw refuse('path', 'must not contain "." or ".." segments');
  let url: URL;
  try {
    url = new URL(path, PROBE_ORIGIN);
  } catch {
    throw refuse('path', 'is not a valid URL path');
  }
  if (url.origin !== PROBE_ORIGIN || url.username || url.password) throw refuse('path', 'must stay on the Okta org host');
  const query: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
  return { path: url.pathname, query };
}

export function guardHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const seen = new Set<string>();
  for (const [name, value] of Object.entries(headers ?? {})) {
    const field = `headers.${name}`;
    if (!TOKEN.test(name)) throw refuse(field, 'is not a valid header name');
    const lower = name.toLowerCase();
    if (RESERVED_HEADERS.has(lower)) throw refuse(field, 'is set by the connector and cannot be overridden');
    if (seen.has(lower)) throw refuse(field, 'is given twice (header names are case-insensitive)');
    seen.add(lower);
    if (typeof value !== 'string' || !HEADER_VALUE.test(value)) throw refuse(field, 'must not contain line breaks or control characters');
  }
  return { ...headers };
}

/** The request to send, or a user_input_error naming the offending field. */
export function guardRawRequest(input: RawRequestInput): OktaRequest {
  const { path, query } = guardPath(input.path);
  for (const [key, value] of Object.entries(input.query ?? {})) (query[key] ??= []).push(String(value));
  const hasBody = input.body !== undefined && input.body !== null;
  if (hasBody && input.method === 'GET') throw refuse('body', 'cannot be sent with GET');
  return { method: input.method, path, query, headers: guardHeaders(input.headers), body: hasBody ? input.body : undefined };
}

export function visibleResponseHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HIDDEN_RESPONSE_HEADERS.has(name.toLowerCase())));
}
