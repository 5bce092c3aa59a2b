import { userInputError } from '../errors';
import { apiTokenProvider } from './api-token';
import { AuthProvider } from './auth-provider';

export type { AuthProvider } from './auth-provider';

/** What the operation being called needs, so a credential can ask for just that (OAuth scopes). */
export interface AuthContext {
  scopes: string[];
}

/** Picks the credential type from the shape of `auth`. */
export function resolveAuth(auth: unknown, _context: AuthContext): AuthProvider {
  if (!auth || typeof auth !== 'object') {
    throw userInputError('auth is required: { domain, api_token }', ['auth']);
  }
  const fields = auth as Record<string, unknown>;
  if ('api_token' in fields) {
    return apiTokenProvider(fields as { domain: string; api_token: string });
  }
  throw userInputError('auth must hold an API token: { domain, api_token }', ['auth']);
}
