/**
 * The ways to read a user that the per-call bench compares: the connector's `invoke` (as built, and over axios'
 * own http adapter, the "before"), raw axios with a keep-alive agent like the connector's (the floor), and Okta's
 * own SDK. Each returns a function doing one call.
 */
import http from 'node:http';
import axios from 'axios';
import * as okta from '@okta/okta-sdk-nodejs';
import type { allowDestinations as AllowDestinations, invoke as Invoke } from '../../src';
import { axiosHttpVariant } from './axios-http-variant';
import { BENCH_TOKEN } from './okta-server';

export type Call = (userId: string) => Promise<unknown>;

export interface Contender {
  name: 'connector' | 'connector before (axios http adapter)' | 'raw axios' | 'SDK';
  getUser: Call;
}

/** The connector as built (dist/), the way a platform loads it. */
export function connectorModule(): { invoke: typeof Invoke; allowDestinations: typeof AllowDestinations } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('../../src') as { invoke: typeof Invoke; allowDestinations: typeof AllowDestinations };
}

type ConnectorModule = ReturnType<typeof connectorModule>;

function connectorContender(name: Contender['name'], { invoke, allowDestinations }: ConnectorModule, origin: string): Contender {
  allowDestinations(new URL(origin).host); // the local stand-in, listed as an operator would
  const auth = { domain: origin, api_token: BENCH_TOKEN };
  return { name, getUser: (userId) => invoke('get_user', { user_id: userId }, { auth }) };
}

export function connector(origin: string): Contender {
  return connectorContender('connector', connectorModule(), origin);
}

/** The same connector over axios' own http adapter (see axios-http-variant.ts): the "before". */
export function connectorBefore(origin: string): Contender {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return connectorContender('connector before (axios http adapter)', require(axiosHttpVariant()) as ConnectorModule, origin);
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
