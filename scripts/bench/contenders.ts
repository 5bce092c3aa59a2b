/**
 * The three ways to read a user that the per-call bench compares: the connector's `invoke`, raw axios with a
 * keep-alive agent like the connector's (the floor), and Okta's own SDK. Each returns a function doing one call.
 */
import http from 'node:http';
import axios from 'axios';
import * as okta from '@okta/okta-sdk-nodejs';
import type { allowDestinations as AllowDestinations, invoke as Invoke } from '../../src';
import { BENCH_TOKEN } from './okta-server';

export type Call = (userId: string) => Promise<unknown>;

export interface Contender {
  name: 'connector' | 'raw axios' | 'SDK';
  getUser: Call;
}

/** The connector as built (dist/), the way a platform loads it. */
export function connectorModule(): { invoke: typeof Invoke; allowDestinations: typeof AllowDestinations } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../src') as { invoke: typeof Invoke; allowDestinations: typeof AllowDestinations };
}

export function connector(origin: string): Contender {
  const { invoke, allowDestinations } = connectorModule();
  allowDestinations(new URL(origin).host); // the local stand-in, listed as an operator would
  const auth = { domain: origin, api_token: BENCH_TOKEN };
  return { name: 'connector', getUser: (userId) => invoke('get_user', { user_id: userId }, { auth }) };
}

export function rawAxios(origin: string): Contender {
  const client = axios.create({
    baseURL: origin,
    httpAgent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
    headers: { Authorization: `SSWS ${BENCH_TOKEN}`, Accept: 'application/json' },
    proxy: false,
  });
  return { name: 'raw axios', getUser: async (userId) => (await client.get(`/api/v1/users/${encodeURIComponent(userId)}`)).data };
}

export function sdkClient(origin: string): okta.Client {
  // No cache: every call goes to the server, as the connector's do.
  return new okta.Client({ orgUrl: origin, token: BENCH_TOKEN, cacheMiddleware: null } as ConstructorParameters<typeof okta.Client>[0]);
}

export function sdk(origin: string): Contender {
  const client = sdkClient(origin);
  return { name: 'SDK', getUser: (userId) => client.userApi.getUser({ userId }) };
}
