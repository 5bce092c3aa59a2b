import { userInputError } from '../../core/errors';

/**
 * Requested when the operation declares no scope (the security-questions catalog is
 * `x-okta-no-scope-required`): Okta's token endpoint refuses a request without scopes ("No scopes were
 * requested"), and the least-privilege scope for that users endpoint family is the read one.
 */
export const FALLBACK_SCOPE = 'okta.users.read';

// RFC 6749 §3.3 scope-token: printable ASCII except space, `"` and `\`.
const SCOPE_TOKEN = /^[\x21\x23-\x5B\x5D-\x7E]+$/;

/** The scopes `auth.scopes` names, checked; undefined when it names none (the operation's own are then requested). */
export function configuredScopes(value: unknown): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  const list = typeof value === 'string' ? value.split(/[\s,]+/) : Array.isArray(value) ? value : undefined;
  if (!list || !list.every((s) => typeof s === 'string')) {
    throw userInputError('auth.scopes must be a list of OAuth scopes, or one string of them separated by spaces or commas', ['auth.scopes']);
  }
  const scopes = (list as string[]).map((s) => s.trim()).filter(Boolean);
  const invalid = scopes.find((s) => !SCOPE_TOKEN.test(s));
  if (invalid !== undefined) throw userInputError(`auth.scopes holds "${invalid}", which is not an OAuth scope`, ['auth.scopes']);
  return scopes.length ? scopes : undefined;
}

/**
 * The scopes of the token request, sorted and de-duplicated (they are part of the token cache key).
 * `auth.scopes`, when given, replaces the operation's own scopes: one token then serves every operation.
 */
export function requestedScopes(configured: unknown, operationScopes: readonly string[]): string[] {
  const scopes = configuredScopes(configured) ?? [...operationScopes];
  const unique = [...new Set(scopes)].sort();
  return unique.length ? unique : [FALLBACK_SCOPE];
}
