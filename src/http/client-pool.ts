import { AuthProvider } from './auth-provider';
import { OktaClient } from './okta-client';

const clients = new Map<string, OktaClient>();

/** Clients are reused per org and credential. */
export function clientFor(auth: AuthProvider): OktaClient {
  let client = clients.get(auth.cacheKey);
  if (!client) {
    client = new OktaClient(auth);
    clients.set(auth.cacheKey, client);
  }
  return client;
}
