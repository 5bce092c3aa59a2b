import http from 'node:http';
import { invoke } from '../../src/index';
import { sandboxRoutes } from '../../src/sandbox';
import { SandboxOrg } from '../../src/sandbox/core/org';
import { createSandboxServer, listen } from '../../src/sandbox/core/server';
import { SandboxSpecCheck } from '../support/sandbox-spec-check';

/**
 * An org with the whole route table (every family), its 2xx answers recorded for the spec check. The suite
 * fills the org with what it needs itself, so it does not depend on the demo seed.
 */
export function fullSandbox(token: string) {
  const org = new SandboxOrg('');
  const spec = new SandboxSpecCheck();
  let server: http.Server;
  let domain = '';
  const harness = {
    org,
    spec,
    async start() {
      const counted = sandboxRoutes(org).map((route) => ({
        ...route,
        handle: (req: Parameters<typeof route.handle>[0]) => {
          if (req.method !== 'GET') harness.writesSent.push(`${req.method} ${req.url.pathname}`);
          return route.handle(req);
        },
      }));
      server = createSandboxServer({ routes: spec.wrap(counted), token });
      domain = await listen(server);
    },
    async stop() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
    run: (operation: string, input: unknown): Promise<any> => invoke(operation, input, { auth: { domain, api_token: token } }),
    /** The error a call fails with, as the platform sees it. */
    async failure(operation: string, input: unknown): Promise<Record<string, any>> {
      try {
        await harness.run(operation, input);
      } catch (error) {
        return (error as { toJSON(): Record<string, any> }).toJSON();
      }
      throw new Error(`${operation} succeeded`);
    },
    /** A raw call, for what the connector's operations never send. */
    async api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
      const res = await fetch(`${domain}${path}`, {
        method,
        headers: { Authorization: `SSWS ${token}`, 'Content-Type': 'application/json', ...(body === undefined && method !== 'GET' ? { 'Content-Length': '0' } : {}) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
    /** Every non-GET request the sandbox received (method and path), to prove a re-run sent no write. */
    writesSent: [] as string[],
  };
  return harness;
}
