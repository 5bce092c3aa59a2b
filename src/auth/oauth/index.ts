export { isOAuthAuth } from './oauth-auth';
export type { OAuthAuth } from './oauth-auth';
export { oauthProvider } from './provider';
export { FALLBACK_SCOPE } from './scopes';
