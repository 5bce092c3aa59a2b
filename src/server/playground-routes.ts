import { ConnectorError } from '../core/errors';
import { resolveSchema } from '../bundle/dynamic-schema';
import { SchemaSide } from '../runtime/handler-kinds';
import { browserBundle, PLAYGROUND_PAGE, PLAYGROUND_PAGE_HEADERS } from '../playground/server/assets';
import { ConnectorCatalog } from './connector-catalog';
import { readJsonBody } from './json-body';
import { callResponse, errorJson, json, RouteResponse, text } from './responses';
import type { Matched, RouteRequest } from './router';

export interface PlaygroundRouteConfig {
  catalog: ConnectorCatalog;
  defaultAuth?: unknown;
  maxBodyBytes: number;
}

const SCHEMA_BODY_KEYS = new Set(['input', 'side', 'auth']);
const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * The playground's page and script at `/`, and the two routes it needs beside the call API: an operation's
 * samples, and its schema for the org (`POST /operations/{name}/schema` with `{input, side?}`).
 */
export function playgroundRoutes({ catalog, defaultAuth, maxBodyBytes }: PlaygroundRouteConfig): (path: string) => Matched | undefined {
  const unknownOperation = (name: string) => errorJson(404, `Unknown operation "${name}"`, {}, ['operation']);

  async function script(): Promise<RouteResponse> {
    try {
      return text(200, 'text/javascript; charset=utf-8', await browserBundle());
    } catch (error) {
      return errorJson(503, `The playground could not be built: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function schema(name: string, request: RouteRequest): Promise<RouteResponse> {
    const described = catalog.describe(name);
    if (!described) return unknownOperation(name);
    const read = readJsonBody(request, maxBodyBytes);
    if ('refused' in read) return read.refused;
    const body = read.parsed;
    if (!isObject(body)) return errorJson(400, 'The body must be a JSON object { "input"?: {...}, "side"?: "input" | "output", "auth"?: {...} }');
    const unknown = Object.keys(body).filter((key) => !SCHEMA_BODY_KEYS.has(key));
    if (unknown.length) return errorJson(400, `Unknown field(s) in the body: ${unknown.join(', ')}`, {}, unknown);
    const side = (body.side ?? 'input') as SchemaSide;
    if (side !== 'input' && side !== 'output') return errorJson(400, 'side must be "input" or "output"', {}, ['side']);
    if (body.auth !== undefined && !isObject(body.auth)) return errorJson(400, 'auth must be an object', {}, ['auth']);
    const auth = body.auth ?? defaultAuth;
    const staticSchema = (side === 'input' ? described.input_schema : described.output_schema) as Record<string, unknown>;
    try {
      if (auth === undefined && described.dynamic_schema?.includes(side)) throw new ConnectorError('auth_error', 'No credential: send "auth" in the body, or configure the service with an Okta org');
      return json(200, { outcome: 'success', schema: await resolveSchema(name, side, body.input, { auth, staticSchema, signal: request.signal }) });
    } catch (error) {
      const typed = error instanceof ConnectorError ? error : new ConnectorError('connector_error', 'The schema could not be resolved');
      return callResponse({ outcome: 'error', error: typed.toJSON() });
    }
  }

  return (path) => {
    if (path === '/') return { route: '/', allow: ['GET'], public: true, run: () => text(200, 'text/html; charset=utf-8', PLAYGROUND_PAGE, PLAYGROUND_PAGE_HEADERS) };
    // Browsers ask for it on every page; answering keeps the console (and the log) free of 404s.
    if (path === '/favicon.ico') return { route: '/favicon.ico', allow: ['GET'], public: true, run: () => text(204, 'image/x-icon', '') };
    if (path === '/playground/app.js') return { route: '/playground/app.js', allow: ['GET'], public: true, run: script };
    const found = /^\/operations\/([^/]+)\/(samples|schema)$/.exec(path);
    if (!found) return undefined;
    let name: string;
    try {
      name = decodeURIComponent(found[1]);
    } catch {
      return undefined;
    }
    if (found[2] === 'samples') {
      return {
        route: '/operations/{name}/samples',
        allow: ['GET'],
        operation: name,
        run: () => {
          const described = catalog.describe(name);
          return described ? json(200, { samples: described.samples }) : unknownOperation(name);
        },
      };
    }
    return { route: '/operations/{name}/schema', allow: ['POST'], operation: name, run: (request) => schema(name, request) };
  };
}
