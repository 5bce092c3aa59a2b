import nock from 'nock';
import { ConnectorCatalog } from '../../../src/server/connector-catalog';
import { RunningServer, startServer, ServerOptions } from '../../../src/server/http-server';
import { RequestLogEntry } from '../../../src/server/request-log';

/** One catalog for every test file's servers: building the bundle takes a moment. */
export const sharedCatalog = new ConnectorCatalog();

export interface TestServer extends RunningServer {
  logs: RequestLogEntry[];
}

/** A multi-tenant service (calls bring their own `auth`) unless the options say otherwise. */
export async function startTestServer(options: ServerOptions = {}): Promise<TestServer> {
  const logs: RequestLogEntry[] = [];
  const tenancy = options.defaultAuth === undefined ? 'multi' : 'single';
  const running = await startServer({ port: 0, host: '127.0.0.1', catalog: sharedCatalog, tenancy, logger: (entry) => logs.push(entry), ...options });
  return { ...running, logs };
}

/** Okta is mocked; only the service under test on 127.0.0.1 is reachable for real. */
export function allowOnlyLocalhost(): void {
  nock.disableNetConnect();
  nock.enableNetConnect(/^127\.0\.0\.1(:\d+)?$/);
}

export const postJson = (url: string, body: unknown, init: RequestInit = {}): Promise<Response> =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), ...init });

/** Resolves once the condition holds, polling (for things that happen after a response, like a log line). */
export async function eventually(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * An Okta reply that waits until released. Unlike nock's `delay`, whose timer outlives an aborted request,
 * releasing it in `afterEach` leaves no timer behind for jest to wait on.
 */
export function heldReply(status: number, body: unknown): { reply: () => Promise<[number, unknown]>; release: () => void } {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  return { reply: async () => (await released, [status, body]), release: () => release() };
}
