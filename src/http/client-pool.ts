import { AuthProvider } from './auth-provider';
import { LruPool } from './lru-pool';
import { OktaClient } from './okta-client';

/** Defaults: enough for a busy multi-tenant process, small enough that idle tenants cost nothing for long. */
export const CLIENT_POOL_DEFAULTS = { max: 1_000, idleMs: 5 * 60_000 };

const clients = new LruPool<OktaClient>({ ...CLIENT_POOL_DEFAULTS, busy: (client) => client.inFlight > 0 });

/**
 * The client for one org and credential (`AuthProvider.cacheKey`, derived from the secret). A client with a
 * request in flight is never dropped; past the cap a client serves its call without being kept.
 */
export function clientFor(auth: AuthProvider): OktaClient {
  return clients.getOrCreate(auth.cacheKey, () => new OktaClient(auth));
}

export function configureClientPool(bounds: Partial<typeof CLIENT_POOL_DEFAULTS>): void {
  clients.configure(bounds);
}

/** For figures and health pages: how many clients are kept, after dropping the idle ones. */
export function clientPoolSize(options: { sweep?: boolean } = {}): number {
  if (options.sweep) clients.sweep();
  return clients.size;
}
