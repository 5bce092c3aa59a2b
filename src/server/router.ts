import { ConnectorError } from '../core/errors';
import { LogEntry } from '../core/call-options';
import { handleMessage } from '../runtime/dispatch';
import { assertJsonTextDepth, assertWithinLimits, DEFAULT_INPUT_LIMITS, InputLimits } from '../runtime/input-limits';
import { CallBodyError, parseCallBody } from './call-body';
import { ConnectorCatalog } from './connector-catalog';
import { createPerimeter, PerimeterConfig } from './perimeter';
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

/**
 * `single`: the service acts for one org, with `defaultAuth`; a call carrying `auth` is refused.
 * `multi`: no default credential; every call brings its own `auth`, which the destination policy checks.
 */
export type Tenancy = 'single' | 'multi';

export interface RouterConfig {
  tenancy?: Tenancy;
  /** The org credential of a single-org service. */
  defaultAuth?: unknown;
  /** Caller keys and the Host check; without it every caller is anonymous and any Host is answered. */
  perimeter?: PerimeterConfig;
  logger?: RequestLogger;
  maxBodyBytes?: number;
  inputLimits?: InputLimits;
  catalog?: ConnectorCatalog;
}

export type Router = (request: RouteRequest) => Promise<RouteResponse>;

interface Matched {
  route: string;
  allow: string[];
  operation?: string;
  run(request: RouteRequest, audit: CallAudit): Promise<RouteResponse> | RouteResponse;
}

/** What a call tells the audit line about Okta: the last request id and the request count. */
interface CallAudit {
  oktaRequestId?: string;
  oktaRequests: number;
}

function operationName(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/** Paths come from the caller: quoted back only in part. */
const shortPath = (path: string) => (path.length > 100 ? `${path.slice(0, 100)}…` : path);

export function createRouter(config: RouterConfig = {}): Router {
  const catalog = config.catalog ?? new ConnectorCatalog();
  const log = config.logger ?? stderrLogger;
  const maxBodyBytes = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const limits = config.inputLimits ?? DEFAULT_INPUT_LIMITS;
  const tenancy = config.tenancy ?? 'single';
  if (tenancy === 'multi' && config.defaultAuth !== undefined) throw new Error('A multi-tenant router has no default credential');
  const perimeter = createPerimeter(config.perimeter ?? {});
  const unknownOperation = (name: string) => errorJson(404, `Unknown operation "${shortPath(name)}"`, {}, ['operation']);
  let bundleText: string | undefined;

  function parseBody(request: RouteRequest): unknown {
    const text = request.body?.toString('utf8') || 'null';
    assertJsonTextDepth(text, limits.maxDepth);
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ConnectorError('user_input_error', 'The body is not valid JSON');
    }
    assertWithinLimits(parsed, limits);
    return parsed;
  }

  async function call(name: string, request: RouteRequest, audit: CallAudit): Promise<RouteResponse> {
    if (!catalog.has(name)) return unknownOperation(name);
    if (request.bodyTooLarge || (request.body?.length ?? 0) > maxBodyBytes) return errorJson(413, `The body is larger than ${maxBodyBytes} bytes`);
    // Requiring JSON forces a CORS preflight, so a web page cannot make a browser call a local service.
    const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== 'application/json') return errorJson(415, 'Send the body as Content-Type: application/json');
    let body;
    try {
      body = parseCallBody(parseBody(request));
    } catch (error) {
      if (error instanceof CallBodyError) return errorJson(400, error.message, {}, error.fields);
      if (error instanceof ConnectorError) return json(400, { outcome: 'error', error: error.toJSON() });
      throw error;
    }
    if (tenancy === 'single' && body.auth !== undefined) {
      return errorJson(400, 'This service acts for one org with its own credential: a call may not carry "auth"', {}, ['auth']);
    }
    const auth = tenancy === 'single' ? config.defaultAuth : body.auth;
    if (auth === undefined) {
      const error = tenancy === 'multi'
        ? new ConnectorError('auth_error', 'This service is multi-tenant: send the org credential as "auth" in the body', { fields: ['auth'] })
        : new ConnectorError('auth_error', 'No credential: the service is not configured with an Okta org');
      return callResponse({ outcome: 'error', error: error.toJSON() });
    }
    const logger = (entry: LogEntry) => {
      if (entry.event !== 'http') return;
      audit.oktaRequests++;
      if (entry.requestId) audit.oktaRequestId = entry.requestId.slice(0, 64);
    };
    const result = await handleMessage({ operation: name, input: body.input, auth, options: body.options }, { signal: request.signal, logger });
    if (result.outcome === 'error' && typeof result.error.requestId === 'string') audit.oktaRequestId = result.error.requestId.slice(0, 64);
    return callResponse(result);
  }

  function match(path: string): Matched | undefined {
    if (path === '/healthz') return { route: '/healthz', allow: ['GET'], run: () => json(200, { status: 'ok' }) };
    if (path === '/connector') {
      return { route: '/connector', allow: ['GET'], run: () => ({ ...json(200, undefined), text: (bundleText ??= JSON.stringify(catalog.connector())) }) };
    }
    const found = /^\/operations\/([^/]+)(\/call)?$/.exec(path);
    const name = found ? operationName(found[1]) : undefined;
    if (!found || name === undefined) return undefined;
    if (found[2]) return { route: '/operations/{name}/call', allow: ['POST'], operation: name, run: (request, audit) => call(name, request, audit) };
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

  async function respond(request: RouteRequest, matched: Matched | undefined, audit: CallAudit): Promise<RouteResponse> {
    if (!matched) return errorJson(404, `No route for ${shortPath(request.path)}`);
    if (!matched.allow.includes(request.method)) {
      return errorJson(405, `${request.method.slice(0, 16)} is not allowed on ${matched.route}; use ${matched.allow.join(', ')}`, { Allow: matched.allow.join(', ') });
    }
    try {
      return await matched.run(request, audit);
    } catch (error) {
      // handleMessage never throws; this is the catalog failing to load (a broken operation folder).
      const message = error instanceof Error ? error.message : String(error);
      return json(500, { outcome: 'error', error: new ConnectorError('connector_error', `The service failed: ${message}`).toJSON() });
    }
  }

  return async (request) => {
    const started = performance.now();
    const verdict = perimeter(request);
    const matched = 'caller' in verdict ? match(request.path) : undefined;
    const audit: CallAudit = { oktaRequests: 0 };
    const response = 'caller' in verdict ? await respond(request, matched, audit) : verdict.refusal;
    const body = response.body as { outcome?: string; error?: { type?: string } } | undefined;
    log({
      level: levelForStatus(response.status),
      event: 'http_request',
      method: request.method.slice(0, 16),
      route: matched?.route ?? ('caller' in verdict ? 'unmatched' : 'refused'),
      ...('caller' in verdict ? { caller: verdict.caller.id } : {}),
      // Only names the catalog knows are logged: an arbitrary path segment could carry anything.
      ...(matched?.operation && safeHas(catalog, matched.operation) ? { operation: matched.operation } : {}),
      status: response.status,
      outcome: response.status < 400 ? 'success' : 'error',
      durationMs: Math.round(performance.now() - started),
      ...(body?.outcome === 'error' && body.error?.type ? { errorType: body.error.type } : {}),
      ...(audit.oktaRequests || audit.oktaRequestId ? { oktaRequests: audit.oktaRequests } : {}),
      ...(audit.oktaRequestId ? { oktaRequestId: audit.oktaRequestId } : {}),
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
