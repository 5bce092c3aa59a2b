import { LruPool } from '../../http/lru-pool';
import { DpopSession } from './dpop';
import { TokenCache } from './token-cache';

/** What one service app at one org keeps between calls: its access tokens and its DPoP session. */
export interface AppState {
  tokens: TokenCache;
  dpop: DpopSession;
}

/** Tokens last an hour; an app unused for a quarter of that gives its place up. */
export const APP_STATE_DEFAULTS = { max: 1_000, idleMs: 15 * 60_000 };

const apps = new LruPool<AppState>({ ...APP_STATE_DEFAULTS, busy: (state) => state.tokens.minting });

/**
 * `appKey` comes from the org, the client id and the HMAC of the private key (`SigningKey.fingerprint`):
 * a key that only copies the app's public key gets state of its own, never this app's tokens.
 */
export function appStateFor(appKey: string): AppState {
  return apps.getOrCreate(appKey, () => ({ tokens: new TokenCache(), dpop: new DpopSession() }));
}

export function configureAppStates(bounds: Partial<typeof APP_STATE_DEFAULTS>): void {
  apps.configure(bounds);
}

export function appStateCount(options: { sweep?: boolean } = {}): number {
  if (options.sweep) apps.sweep();
  return apps.size;
}
