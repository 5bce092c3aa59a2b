import http from 'node:http';
import { appsRoutes } from './apps/apps';
import { factorsRoutes } from './factors/factors';
import { groupsRoutes } from './groups/groups';
import { SandboxOrg } from './core/org';
import { SandboxRateLimit } from './core/rate-limits';
import { seedDemoOrg } from './seed-demo-org';
import { createSandboxServer, listen, SandboxExchange } from './core/server';
import { systemLogRoutes } from './logs/system-log';
import { Route } from './core/route-types';
import { userMetaRoutes } from './meta/user-meta';
import { credentialChangeRoutes } from './users/credential-changes';
import { usersRoutes } from './users/users';
import { sessionsAndCredentialsRoutes } from './users/sessions-and-credentials';
import { userMembershipRoutes } from './users/user-memberships';

export { SANDBOX_PASS_CODE } from './factors/factors';
export { SANDBOX_PASSWORD } from './users/user-validation';
export { SandboxOrg } from './core/org';
export type { SandboxExchange } from './core/server';
export type { Route, SandboxRequest, SandboxResponse } from './core/route-types';

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

/**
 * One entry per resource family, each `xxxRoutes(org)` from its own folder. A new family (apps, hooks, ...) is one
 * import and one line here; the route table orders routes by specificity, so the position in this list does not matter.
 */
const ROUTE_FAMILIES: ReadonlyArray<(org: SandboxOrg) => Route[]> = [
  userMetaRoutes,
  usersRoutes,
  credentialChangeRoutes,
  groupsRoutes,
  factorsRoutes,
  systemLogRoutes,
  appsRoutes,
  sessionsAndCredentialsRoutes,
  userMembershipRoutes,
];

/** Every endpoint the sandbox emulates, in one route table. */
export function sandboxRoutes(org: SandboxOrg): Route[] {
  return ROUTE_FAMILIES.flatMap((family) => family(org));
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
