import { ConnectorError } from '../core/errors';
import { handleMessage } from '../runtime/dispatch';
import { CallBodyError, parseCallBody } from './call-body';
import { ConnectorCatalog } from './connector-catalog';
import { readJsonBody } from './json-body';
import { playgroundRoutes } from './playground-routes';
import { levelForStatus, RequestLogger, stderrLogger } from './request-log';
import { callResponse, errorJson, json, RouteResponse } from './responses';

export const DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

/** One request as both adapters (node:http, Lambda) hand it over. Header names are lower case. */
export interface RouteRequest {
  method: string;
  path: string;
  headers: Record<string, string | undefined>;
  body?: Buffer;
  /** Set by an adapter that stopped reading a body past the limit. */
  bodyTooLarge?: boolean;
  /** Aborts the operation call (client gone, shutdown deadline, Lambda about to time out). */
  signal?: AbortSignal;
}

export interface RouterConfig {
  /** Used when a call carries no `auth`. */
  defaultAuth?: unknown;
  logger?: RequestLogger;
  maxBodyBytes?: number;
  catalog?: ConnectorCatalog;
}

export type Router = (request: RouteRequest) => Promise<RouteResponse>;

export interface Matched {
  route: string;
  allow: string[];
  operation?: string;
  /** Reachable without a caller key: the playground's page and script (its API calls carry the key). */
  public?: boolean;
  run(request: RouteRequest): Promise<RouteResponse> | RouteResponse;
}

function operationName(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

export function createRouter(config: RouterConfig = {}): Router {
  const catalog = config.catalog ?? new ConnectorCatalog();
  const log = config.logger ?? stderrLogger;
  const maxBodyBytes = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const unknownOperation = (name: string) => errorJson(404, `Unknown operation "${name}"`, {}, ['operation']);

  async function call(name: string, request: RouteRequest): Promise<RouteResponse> {
    if (!catalog.has(name)) return unknownOperation(name);
    const read = readJsonBody(request, maxBodyBytes);
    if ('refused' in read) return read.refused;
    let body;
    try {
      body = parseCallBody(read.parsed);
    } catch (error) {
      if (error instanceof CallBodyError) return errorJson(400, error.message, {}, error.fields);
      throw error;
    }
    const auth = body.auth ?? config.defaultAuth;
    if (auth === undefined) {
      const error = new ConnectorError('auth_error', 'No credential: send "auth" in the body, or configure the service with OKTA_DOMAIN and OKTA_API_TOKEN (or an OAuth service app)');
      return callResponse({ outcome: 'error', error: error.toJSON() });
    }
    return callResponse(await handleMessage({ operation: name, input: body.input, auth, options: body.options }, { signal: request.signal }));
  }

  const playground = playgroundRoutes({ catalog, defaultAuth: config.defaultAuth, maxBodyBytes });

  function match(path: string): Matched | undefined {
    const extra = playground(path);
    if (extra) return extra;
    if (path === '/healthz') return { route: '/healthz', allow: ['GET'], run: () => json(200, { status: 'ok' }) };
    if (path === '/connector') return { route: '/connector', allow: ['GET'], run: () => json(200, catalog.connector()) };
    const found = /^\/operations\/([^/]+)(\/call)?$/.exec(path);
    const name = found ? operationName(found[1]) : undefined;
    if (!found || name === undefined) return undefined;
    if (found[2]) return { route: '/operations/{name}/call', allow: ['POST'], operation: name, run: (request) => call(name, request) };
    return {
      route: '/operations/{name}',
      allow: ['GET'],
      operation: name,
      run: () => {
        const described = catalog.describe(name);
        return described ? json(200, described) : unknownOperation(name);
      },
    };
  }

  async function respond(request: RouteRequest, matched: Matched | undefined): Promise<RouteResponse> {
    if (!matched) return errorJson(404, `No route for ${request.path}`);
    if (!matched.allow.includes(request.method)) {
      return errorJson(405, `${request.method} is not allowed on ${matched.route}; use ${matched.allow.join(', ')}`, { Allow: matched.allow.join(', ') });
    }
    try {
      return await matched.run(request);
    } catch (error) {
      // handleMessage never throws; this is the catalog failing to load (a broken operation folder).
      const message = error instanceof Error ? error.message : String(error);
      return json(500, { outcome: 'error', error: new ConnectorError('connector_error', `The service failed: ${message}`).toJSON() });
    }
  }

  return async (request) => {
    const started = performance.now();
    const matched = match(request.path);
    const response = await respond(request, matched);
    const body = response.body as { outcome?: string; error?: { type?: string } } | undefined;
    log({
      level: levelForStatus(response.status),
      event: 'http_request',
      method: request.method,
      route: matched?.route ?? 'unmatched',
      // Only names the catalog knows are logged: an arbitrary path segment could carry anything.
      ...(matched?.operation && safeHas(catalog, matched.operation) ? { operation: matched.operation } : {}),
      status: response.status,
      durationMs: Math.round(performance.now() - started),
      ...(body?.outcome === 'error' && body.error?.type ? { errorType: body.error.type } : {}),
    });
    return response;
  };
}

function safeHas(catalog: ConnectorCatalog, name: string): boolean {
  try {
    return catalog.has(name);
  } catch {
    return false;
  }
}
