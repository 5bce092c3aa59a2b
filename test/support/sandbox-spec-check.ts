import type { Operation } from 'openapi-backend';
import type { Route } from '../../src/sandbox/core/route-types';
import { loadOktaSpec, readSanitizedSpec, specMissing } from './okta-spec';
import { realResponseErrors } from './spec-checks';

interface Recorded {
  method: string;
  path: string;
  query: Record<string, string>;
  status: number;
  body: unknown;
}

/** Records the 2xx JSON answers of sandbox routes, then checks them against Okta's spec (when it is present). */
export class SandboxSpecCheck {
  readonly recorded: Recorded[] = [];

  wrap(routes: Route[]): Route[] {
    return routes.map((route) => ({
      ...route,
      handle: async (req) => {
        const answer = await route.handle(req);
        if (answer.status >= 200 && answer.status < 300 && answer.body !== undefined) {
          this.recorded.push({ method: req.method, path: req.url.pathname, query: Object.fromEntries(req.query), status: answer.status, body: structuredClone(answer.body) });
        }
        return answer;
      },
    }));
  }

  /**
   * One line per recorded response that breaks the spec, less the spec's own known defects (the contract
   * test's list); undefined when the spec file is absent.
   */
  async problems(): Promise<string[] | undefined> {
    const doc = readSanitizedSpec();
    if (!doc) return undefined;
    const { api } = await loadOktaSpec(doc);
    return this.recorded.flatMap(({ method, path, query, status, body }) => {
      const operation: Operation | undefined = api.matchOperation({ method, path, query, headers: {} });
      if (!operation) return [`${method} ${path}: not in Okta's spec`];
      const errors = realResponseErrors(body, api.validateResponse(body, operation, status).errors ?? []);
      return errors.map((e) => `${method} ${path} ${status} ${operation.operationId}: ${e.instancePath || '/'} ${e.message}`);
    });
  }
}

/**
 * Registers the last test of a sandbox suite: every 2xx answer it recorded fits Okta's spec (leniently).
 * Without the spec file it fails under CI and warns loudly (a skipped test) locally: see `specMissing`.
 */
export function testSpecConformance(check: SandboxSpecCheck, suite: string, minRecorded: number): void {
  if (!readSanitizedSpec()) {
    specMissing(`${suite} sandbox spec conformance`);
    return;
  }
  test(`${suite}: every 2xx answer the sandbox gave fits Okta's spec (leniently)`, async () => {
    expect(check.recorded.length).toBeGreaterThanOrEqual(minRecorded);
    expect(await check.problems()).toEqual([]);
  }, 120_000);
}
