import { userInputError } from '../core/errors';
import { apiTokenProvider } from './api-token';
import { AuthProvider } from '../http/auth-provider';
import { isOAuthAuth, oauthProvider } from './oauth';

export type { AuthProvider } from '../http/auth-provider';

/** What the operation being called needs, so a credential can ask for just that (OAuth scopes). */
export interface AuthContext {
  scopes: string[];
}

const SHAPES = '{ domain, api_token } or { domain, client_id, private_key, key_id?, scopes? }';

/** Picks the credential type from the shape of `auth`. */
export function resolveAuth(auth: unknown, context: AuthContext): AuthProvider {
  if (!auth || typeof auth !== 'object') {
    throw userInputError(`auth is required: ${SHAPES}`, ['auth']);
  }
  const fields = auth as Record<string, unknown>;
  if ('api_token' in fields) {
    return apiTokenProvider(fields as { domain: string; api_token: string });
  }
  if (isOAuthAuth(fields)) {
    return oauthProvider(fields, context.scopes);
  }
  throw userInputError(`auth must hold an API token or an OAuth service app: ${SHAPES}`, ['auth']);
}
