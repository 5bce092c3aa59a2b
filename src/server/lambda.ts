import { ConnectorError } from '../core/errors';
import { CallerKeys } from './caller-keys';
import { errorJson, json, RouteResponse, serialise } from './responses';
import { createRouter, DEFAULT_MAX_BODY_BYTES, Router, RouterConfig } from './router';
import { callerKeysOrRefuse, inputLimitsFromEnv, StartupError, tenancyFromEnv } from './service-config';

/** API Gateway REST API (payload v1) proxy event: the fields used here. */
export interface ApiGatewayV1Event {
  httpMethod: string;
  path: string;
  headers?: Record<string, string | undefined> | null;
  body?: string | null;
  isBase64Encoded?: boolean;
}

/** API Gateway HTTP API (payload v2) event: the fields used here. */
export interface ApiGatewayV2Event {
  version?: string;
  rawPath: string;
  headers?: Record<string, string | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  requestContext: { http: { method: string; path: string }; stage?: string };
}

export interface LambdaContext {
  getRemainingTimeInMillis?: () => number;
}

export interface LambdaResult {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

export interface LambdaConfig extends Omit<RouterConfig, 'perimeter'> {
  /**
   * Caller keys, required: the handler checks them itself, whatever API Gateway is configured with, so a
   * stage deployed without an authorizer is not open, and the audit line names the caller.
   */
  keys: CallerKeys;
}

/** Stop the operation this long before Lambda kills the invocation, so the caller gets a timeout answer. */
const LAMBDA_MARGIN_MS = 1_000;
const MAX_PATH = 2_048;
const MAX_METHOD = 16;
const MAX_HEADERS = 100;

interface ReadEvent {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: Buffer;
}

const isRecord = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);
const isShortString = (value: unknown, max: number): value is string => typeof value === 'string' && value.length > 0 && value.length <= max;

/**
 * Reads an API Gateway v1 or v2 event, or says what it cannot read (never quoting the event back).
 * A named v2 stage prefixes rawPath (/prod/healthz); v1's `path` never carries it.
 */
function readEvent(event: unknown, maxBodyBytes: number): ReadEvent | string {
  if (!isRecord(event)) return 'the event is not an API Gateway proxy event';
  let method: unknown;
  let path: unknown;
  const context = event.requestContext;
  if (isRecord(context) && 'http' in context) {
    if (!isRecord(context.http)) return 'requestContext.http is not an object';
    method = context.http.method;
    path = event.rawPath;
    const stage = context.stage;
    const prefix = typeof stage === 'string' && stage !== '$default' ? `/${stage}` : '';
    if (typeof path === 'string' && prefix && path.startsWith(`${prefix}/`)) path = path.slice(prefix.length);
  } else {
    method = event.httpMethod;
    path = event.path;
  }
  if (!isShortString(method, MAX_METHOD)) return 'the event has no readable HTTP method';
  if (!isShortString(path, MAX_PATH) || !path.startsWith('/')) return `the event has no readable path (at most ${MAX_PATH} characters)`;
  const rawHeaders = event.headers ?? {};
  if (!isRecord(rawHeaders)) return 'headers is not an object';
  const entries = Object.entries(rawHeaders);
  if (entries.length > MAX_HEADERS) return `more than ${MAX_HEADERS} headers`;
  const headers: Record<string, string> = {};
  for (const [name, value] of entries) {
    if (value === undefined || value === null) continue;
    if (typeof value !== 'string') return 'a header value is not a string';
    headers[name.toLowerCase()] = value;
  }
  if (event.body !== undefined && event.body !== null && typeof event.body !== 'string') return 'body is not a string';
  if (event.isBase64Encoded !== undefined && typeof event.isBase64Encoded !== 'boolean') return 'isBase64Encoded is not a boolean';
  const text = event.body as string | null | undefined;
  // Base64 is 4/3 of the bytes: a body past the limit is not decoded at all (the router answers 413).
  const tooLong = typeof text === 'string' && text.length > (event.isBase64Encoded ? Math.ceil((maxBodyBytes * 4) / 3) + 4 : maxBodyBytes * 3);
  const body = text == null ? undefined : tooLong ? Buffer.alloc(maxBodyBytes + 1) : Buffer.from(text, event.isBase64Encoded ? 'base64' : 'utf8');
  return { method: method.toUpperCase(), path, headers, body };
}

const result = (response: RouteResponse): LambdaResult => ({
  statusCode: response.status,
  headers: { ...response.headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  body: serialise(response),
  isBase64Encoded: false,
});

/**
 * A Lambda handler serving the same routes as the HTTP server, through the same router and perimeter
 * (caller keys; no Host check: API Gateway owns the host name and TLS).
 */
export function createLambdaHandler(config: LambdaConfig, router: Router = createRouter({ ...config, perimeter: { keys: config.keys } })) {
  const maxBodyBytes = config.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  return async (event: unknown, context: LambdaContext = {}): Promise<LambdaResult> => {
    const read = readEvent(event, maxBodyBytes);
    if (typeof read === 'string') return result(errorJson(400, `Bad request: ${read}`));
    const remaining = typeof context?.getRemainingTimeInMillis === 'function' ? context.getRemainingTimeInMillis() : undefined;
    const signal = typeof remaining === 'number' ? AbortSignal.timeout(Math.max(remaining - LAMBDA_MARGIN_MS, 1)) : undefined;
    return result(await router({ ...read, signal }));
  };
}

/** A handler that answers every request with why the function is not configured (logged once at cold start). */
function notConfigured(reason: string) {
  process.stderr.write(`${JSON.stringify({ level: 'error', event: 'not_configured', message: reason })}\n`);
  return async (): Promise<LambdaResult> =>
    result(json(503, { outcome: 'error', error: new ConnectorError('connector_error', `The connector is not configured: ${reason}`).toJSON() }));
}

/** The Lambda's configuration from its environment: the same settings as `npm start`, minus sockets and sandbox. */
export function lambdaHandlerFromEnv(env: NodeJS.ProcessEnv, extra: Pick<RouterConfig, 'logger' | 'catalog'> = {}) {
  try {
    const tenancy = tenancyFromEnv(env, { sandboxAllowed: false });
    const keys = callerKeysOrRefuse(env);
    if (!keys) throw new StartupError('set CONNECTOR_API_KEYS or CONNECTOR_API_KEYS_FILE: the Lambda handler checks caller keys itself');
    return createLambdaHandler({ ...extra, ...inputLimitsFromEnv(env), tenancy: tenancy.tenancy, defaultAuth: tenancy.defaultAuth, keys });
  } catch (error) {
    if (error instanceof StartupError) return notConfigured(error.message);
    throw error;
  }
}

let defaultHandler: ((event: unknown, context?: LambdaContext) => Promise<LambdaResult>) | undefined;

/** The Lambda entry point; settings come from the function's environment, read at the first invocation. */
export const handler = (event: unknown, context?: LambdaContext): Promise<LambdaResult> => {
  defaultHandler ??= lambdaHandlerFromEnv(process.env);
  return defaultHandler(event, context);
};
