import { ConnectorError } from '../core/errors';
import { resolveSchema } from '../bundle/dynamic-schema';
import { SchemaSide } from '../runtime/handler-kinds';
import { browserBundle, PLAYGROUND_PAGE, PLAYGROUND_PAGE_HEADERS } from '../playground/server/assets';
import { ConnectorCatalog } from './connector-catalog';
import { callResponse, errorJson, json, RouteResponse, textResponse } from './responses';
import type { PerimeterExemption } from './perimeter';
import type { Matched, RouteRequest } from './router';

/** What the playground's routes share with the call route, so bodies and credentials follow one set of rules. */
export interface PlaygroundRouteDeps {
  catalog: ConnectorCatalog;
  readJsonBody(request: RouteRequest): { parsed: unknown } | { refused: RouteResponse };
  credentialFor(bodyAuth: unknown): { auth: unknown } | { refused: RouteResponse };
  unknownOperation(name: string): RouteResponse;
}

const SCHEMA_BODY_KEYS = new Set(['input', 'side', 'auth']);
const isObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

/**
 * The playground's page and script at `/`, and the two routes it needs beside the call API: an operation's
 * samples, and its schema for the org (`POST /operations/{name}/schema` with `{input, side?}`). The page and
 * script need no caller key (a browser cannot send one with a page load: see PLAYGROUND_EXEMPTIONS); every
 * other route passes the perimeter like the rest of the API.
 */
export function playgroundRoutes({ catalog, readJsonBody, credentialFor, unknownOperation }: PlaygroundRouteDeps): (path: string) => Matched | undefined {
  async function script(): Promise<RouteResponse> {
    try {
      return textResponse(200, 'text/javascript; charset=utf-8', await browserBundle());
    } catch (error) {
      return errorJson(503, `The playground could not be built: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async function schema(name: string, request: RouteRequest): Promise<RouteResponse> {
    const described = catalog.describe(name);
    if (!described) return unknownOperation(name);
    const read = readJsonBody(request);
    if ('refused' in read) return read.refused;
    const body = read.parsed;
    if (!isObject(body)) return errorJson(400, 'The body must be a JSON object { "input"?: {...}, "side"?: "input" | "output", "auth"?: {...} }');
    const unknown = Object.keys(body).filter((key) => !SCHEMA_BODY_KEYS.has(key));
    if (unknown.length) return errorJson(400, `Unknown field(s) in the body: ${unknown.join(', ')}`, {}, unknown);
    const side = (body.side ?? 'input') as SchemaSide;
    if (side !== 'input' && side !== 'output') return errorJson(400, 'side must be "input" or "output"', {}, ['side']);
    if (body.auth !== undefined && !isObject(body.auth)) return errorJson(400, 'auth must be an object', {}, ['auth']);
    const staticSchema = (side === 'input' ? described.input_schema : described.output_schema) as Record<string, unknown>;
    if (!described.dynamic_schema?.includes(side)) return json(200, { outcome: 'success', schema: staticSchema });
    const credential = credentialFor(body.auth);
    if ('refused' in credential) return credential.refused;
    try {
      return json(200, { outcome: 'success', schema: await resolveSchema(name, side, body.input, { auth: credential.auth, staticSchema, signal: request.signal }) });
    } catch (error) {
      const typed = error instanceof ConnectorError ? error : new ConnectorError('connector_error', 'The schema could not be resolved');
      return callResponse({ outcome: 'error', error: typed.toJSON() });
    }
  }

  return (path) => {
    if (path === '/') return { route: '/', allow: ['GET'], run: () => textResponse(200, 'text/html; charset=utf-8', PLAYGROUND_PAGE, PLAYGROUND_PAGE_HEADERS) };
    // Browsers ask for it on every page; answering keeps the console (and the log) free of 404s.
    if (path === '/favicon.ico') return { route: '/favicon.ico', allow: ['GET'], run: () => textResponse(204, 'image/x-icon', '') };
    if (path === '/playground/app.js') return { route: '/playground/app.js', allow: ['GET'], run: script };
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

/** The perimeter exemptions the page needs: its page, script and icon skip the caller key, never the Host check. */
export const PLAYGROUND_EXEMPTIONS: readonly PerimeterExemption[] = Object.freeze(
  [/^\/$/, /^\/playground\/app\.js$/, /^\/favicon\.ico$/].map((path) => ({ method: 'GET', path, skip: ['key' as const] })),
);
