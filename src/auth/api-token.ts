import { createHash } from 'node:crypto';
import { userInputError } from '../core/errors';
import { normaliseOrgUrl } from '../http/org-url';
import { AuthProvider } from '../http/auth-provider';

export interface ApiTokenAuth {
  domain: string;
  api_token: string;
}

/**
 * `invoke` resolves the credential on every call; parsing the domain and hashing the token each time showed
 * in the per-call profile, so providers are kept per (domain as typed, token). Bounded: the oldest goes
 * first. The map lives in memory only (like the providers the client pool already holds) and is never
 * logged or serialised; only valid credentials are kept, so every error is still raised on every call.
 */
const providers = new Map<string, AuthProvider>();
const MAX_CACHED_PROVIDERS = 100;

/** Okta API token (`Authorization: SSWS <token>`). */
export function apiTokenProvider(auth: ApiTokenAuth): AuthProvider {
  const { domain, api_token: token } = auth;
  if (typeof domain !== 'string' || typeof token !== 'string') return createProvider(auth);
  // Length-prefixed, so that no other (domain, token) pair spells the same key.
  const key = `${domain.length}:${domain}${token}`;
  let provider = providers.get(key);
  if (!provider) {
    provider = createProvider(auth);
    if (providers.size >= MAX_CACHED_PROVIDERS) providers.delete(providers.keys().next().value as string);
    providers.set(key, provider);
  }
  return provider;
}

function createProvider(auth: ApiTokenAuth): AuthProvider {
  const orgUrl = normaliseOrgUrl(auth.domain);
  const token = auth.api_token;
  if (typeof token !== 'string' || token.trim() === '' || /[\r\n]/.test(token)) {
    throw userInputError('auth.api_token is required: an Okta API token (SSWS)', ['auth.api_token']);
  }
  const fingerprint = createHash('sha256').update(token).digest('hex').slice(0, 16);
  const authorization = `SSWS ${token}`;
  return Object.freeze({
    orgUrl,
    cacheKey: `${orgUrl}|ssws|${fingerprint}`,
    secrets: Object.freeze([token]),
    authorize: async () => ({ Authorization: authorization }),
  });
}
