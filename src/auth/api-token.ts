import { createHash } from 'node:crypto';
import { userInputError } from '../errors';
import { normaliseOrgUrl } from '../http/org-url';
import { AuthProvider } from './auth-provider';

export interface ApiTokenAuth {
  domain: string;
  api_token: string;
}

/** Okta API token (`Authorization: SSWS <token>`). */
export function apiTokenProvider(auth: ApiTokenAuth): AuthProvider {
  const orgUrl = normaliseOrgUrl(auth.domain);
  const token = auth.api_token;
  if (typeof token !== 'string' || token.trim() === '' || /[\r\n]/.test(token)) {
    throw userInputError('auth.api_token is required: an Okta API token (SSWS)', ['auth.api_token']);
  }
  const fingerprint = createHash('sha256').update(token).digest('hex').slice(0, 16);
  return {
    orgUrl,
    cacheKey: `${orgUrl}|ssws|${fingerprint}`,
    secrets: [token],
    authorize: async () => ({ Authorization: `SSWS ${token}` }),
  };
}
