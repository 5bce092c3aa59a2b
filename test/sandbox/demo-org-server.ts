import http from 'node:http';
import { OktaObject, SandboxOrg } from '../../src/sandbox/core/org';
import { createSandboxServer, listen } from '../../src/sandbox/core/server';
import { sandboxRoutes } from '../../src/sandbox';
import { seedDemoOrg } from '../../src/sandbox/seed-demo-org';
import { SandboxSpecCheck } from '../support/sandbox-spec-check';
import { allowTestOrg } from '../support/test-org-destination';

export interface RawAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** The whole sandbox (every route family) over a seeded demo org, its 2xx answers recorded for the spec check. */
export class DemoOrgServer {
  readonly org = new SandboxOrg('http://127.0.0.1');
  readonly spec = new SandboxSpecCheck();
  readonly token = 'sandbox-rules-test-token';
  baseUrl = '';
  private server?: http.Server;

  async start(users = 40): Promise<void> {
    seedDemoOrg(this.org, { users });
    this.server = createSandboxServer({ routes: this.spec.wrap(sandboxRoutes(this.org)), token: this.token });
    this.baseUrl = await listen(this.server);
    allowTestOrg(this.baseUrl);
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** A raw call, as any HTTP client would make it. */
  async api(method: string, path: string, body?: unknown): Promise<RawAnswer> {
    const res = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { Authorization: `SSWS ${this.token}`, Accept: 'application/json', 'Content-Type': 'application/json', ...(body === undefined && method !== 'GET' ? { 'Content-Length': '0' } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
  }

  user(login: string): OktaObject {
    const user = this.org.findUser(login);
    if (!user) throw new Error(`no demo user ${login}`);
    return user;
  }

  byStatus(status: string): OktaObject {
    return [...this.org.users.values()].find((u) => u.status === status && u.id !== this.org.adminId)!;
  }
}

/** Okta's error body, as far as a test pins it. */
export const oktaError = (status: number, errorCode: string, errorSummary?: string, causes?: string[]) => ({
  status,
  body: {
    errorCode,
    ...(errorSummary === undefined ? {} : { errorSummary }),
    ...(causes === undefined ? {} : { errorCauses: causes.map((errorSummary) => ({ errorSummary })) }),
  },
});
