import { userInputError } from '../core/errors';
import { LruPool } from '../http/lru-pool';
import { normaliseOrgUrl } from '../http/org-url';
import { AuthProvider } from '../http/auth-provider';
import { credentialId } from './credential-id';

export interface ApiTokenAuth {
  domain: string;
  api_token: string;
}

/**
 * Okta API tokens are 42 characters. Far shorter ones are typing mistakes, and a secret that short could
 * not be masked in what comes back without mangling ordinary text.
 */
export const MIN_API_TOKEN_LENGTH = 20;

/** Printable ASCII without spaces: what a header value can carry unchanged. */
const TOKEN_CHARACTERS = /^[\x21-\x7E]+$/;

/**
 * `invoke` resolves the credential on every call; parsing the domain each time showed in the per-call
 * profile, so providers are kept per (domain as typed, token), keyed by an HMAC of both. Only valid
 * credentials are kept, so every error is still raised on every call.
 */
export const API_TOKEN_PROVIDER_DEFAULTS = { max: 1_000, idleMs: 5 * 60_000 };

const providers = new LruPool<AuthProvider>({ ...API_TOKEN_PROVIDER_DEFAULTS });

export function configureApiTokenProviders(bounds: Partial<typeof API_TOKEN_PROVIDER_DEFAULTS>): void {
  providers.configure(bounds);
}

export function apiTokenProviderCount(options: { sweep?: boolean } = {}): number {
  if (options.sweep) providers.sweep();
  return providers.size;
}

/** Okta API token (`Authorization: SSWS <token>`). */
export function apiTokenProvider(auth: ApiTokenAuth): AuthProvider {
  const { domain, api_token: token } = auth;
  if (typeof domain !== 'string' || typeof token !== 'string') return createProvider(auth);
  return providers.getOrCreate(inputId(auth, domain, token), () => createProvider(auth));
}

/**
 * The HMAC of (domain, token), remembered per auth object: a library caller passes the same object call after
 * call, and the HMAC was the largest cost of resolving it. Checked against the object's current values, so
 * an object changed in place gets a new id.
 */
const inputIds = new WeakMap<object, { domain: string; token: string; id: string }>();

function inputId(auth: ApiTokenAuth, domain: string, token: string): string {
  const known = inputIds.get(auth);
  if (known && known.domain === domain && known.token === token) return known.id;
  const id = credentialId('ssws-input', domain, token);
  inputIds.set(auth, { domain, token, id });
  return id;
}

function createProvider(auth: ApiTokenAuth): AuthProvider {
  const orgUrl = normaliseOrgUrl(auth.domain);
  // HTTP drops whitespace around a header value: the token is trimmed here so that what is redacted in
  // answers is exactly what was sent.
  const token = typeof auth.api_token === 'string' ? auth.api_token.trim() : '';
  if (token === '' || /[\r\n]/.test(token)) {
    throw userInputError('auth.api_token is required: an Okta API token (SSWS)', ['auth.api_token']);
  }
  if (!TOKEN_CHARACTERS.test(token)) {
    throw userInputError('auth.api_token must be one word of printable characters (an Okta API token)', ['auth.api_token']);
  }
  if (token.length < MIN_API_TOKEN_LENGTH) {
    throw userInputError(`auth.api_token is too short to be an Okta API token (those have about 40 characters; at least ${MIN_API_TOKEN_LENGTH} are required)`, ['auth.api_token']);
  }
  const authorization = `SSWS ${token}`;
  return Object.freeze({
    orgUrl,
    cacheKey: `${orgUrl}|ssws|${credentialId('ssws', orgUrl, token)}`,
    secrets: Object.freeze([token]),
    authorize: () => ({ Authorization: authorization }),
  });
}
