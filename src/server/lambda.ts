import { authFromEnv } from '../auth/auth-from-env';
import { serialise } from './responses';
import { createRouter, Router, RouterConfig } from './router';

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

/** Stop the operation this long before Lambda kills the invocation, so the caller gets a timeout answer. */
const LAMBDA_MARGIN_MS = 1_000;

function methodAndPath(event: ApiGatewayV1Event | ApiGatewayV2Event): { method: string; path: string } {
  if ('requestContext' in event && event.requestContext && 'http' in event.requestContext) {
    const v2 = event as ApiGatewayV2Event;
    const { stage } = v2.requestContext;
    // A named stage prefixes rawPath (/prod/healthz); v1's `path` never carries it.
    const prefix = stage && stage !== '$default' ? `/${stage}` : '';
    const path = prefix && v2.rawPath.startsWith(`${prefix}/`) ? v2.rawPath.slice(prefix.length) : v2.rawPath;
    return { method: v2.requestContext.http.method, path };
  }
  const v1 = event as ApiGatewayV1Event;
  return { method: v1.httpMethod, path: v1.path };
}

/** A Lambda handler serving the same routes as the HTTP server, through the same router. */
export function createLambdaHandler(config: RouterConfig = {}, router: Router = createRouter(config)) {
  return async (event: ApiGatewayV1Event | ApiGatewayV2Event, context: LambdaContext = {}): Promise<LambdaResult> => {
    const { method, path } = methodAndPath(event);
    const headers = Object.fromEntries(Object.entries(event.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
    const body = event.body == null ? undefined : Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
    const remaining = context.getRemainingTimeInMillis?.();
    const signal = remaining === undefined ? undefined : AbortSignal.timeout(Math.max(remaining - LAMBDA_MARGIN_MS, 1));
    const response = await router({ method: method.toUpperCase(), path, headers, body, signal });
    const { payload, contentType } = serialise(response);
    return {
      statusCode: response.status,
      headers: { ...response.headers, 'Content-Type': contentType, 'Cache-Control': 'no-store' },
      body: payload,
      isBase64Encoded: false,
    };
  };
}

let defaultHandler: ReturnType<typeof createLambdaHandler> | undefined;

/** The Lambda entry point; the default credential comes from the function's environment. */
export const handler = (event: ApiGatewayV1Event | ApiGatewayV2Event, context?: LambdaContext): Promise<LambdaResult> => {
  defaultHandler ??= createLambdaHandler({ defaultAuth: authFromEnv(process.env) });
  return defaultHandler(event, context);
};
