import http from 'node:http';
import { factorsRoutes } from './factors';
import { groupsRoutes } from './groups';
import { SandboxOrg } from './org';
import { SandboxRateLimit } from './rate-limits';
import { seedDemoOrg } from './seed';
import { createSandboxServer, listen, SandboxExchange } from './server';
import { systemLogRoutes } from './system-log';
import { Route } from './types';
import { userMetaRoutes } from './user-meta';
import { usersRoutes } from './users';

export { SANDBOX_PASS_CODE } from './factors';
export { SandboxOrg } from './org';
export type { SandboxExchange } from './server';

/** The sandbox's API token. It guards nothing real: the sandbox listens on loopback and holds demo data. */
export const SANDBOX_TOKEN = '00sandbox-local-demo-token-not-a-secret00';

export interface SandboxOptions {
  port?: number;
  host?: string;
  token?: string;
  /** How many users the demo org holds (default 60). */
  users?: number;
  rateLimit?: Partial<SandboxRateLimit>;
  onExchange?: (exchange: SandboxExchange) => void;
}

export interface RunningSandbox {
  url: string;
  token: string;
  org: SandboxOrg;
  close(): Promise<void>;
}

/** Every endpoint the connector's 47 operations use, in one route table. */
export function sandboxRoutes(org: SandboxOrg): Route[] {
  return [...userMetaRoutes(org), ...usersRoutes(org), ...groupsRoutes(org), ...factorsRoutes(org), ...systemLogRoutes(org)];
}

/** Starts an emulated Okta org on loopback, seeded with a demo org. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const org = new SandboxOrg();
  seedDemoOrg(org, { users: options.users ?? 60 });
  const token = options.token ?? SANDBOX_TOKEN;
  const server: http.Server = createSandboxServer({ routes: sandboxRoutes(org), token, rateLimit: options.rateLimit, onExchange: options.onExchange });
  const url = await listen(server, options.port ?? 0, options.host ?? '127.0.0.1');
  org.baseUrl = url;
  return {
    url,
    token,
    org,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
