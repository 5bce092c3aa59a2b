import { ConnectorError, ErrorType } from '../core/errors';
import { PlatformResult } from '../runtime/dispatch';

/** What a route answers; each adapter (node:http, Lambda) serialises it its own way. */
export interface RouteResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** `body` already serialised, for answers that are the same on every request (the bundle). */
  text?: string;
}

export const serialise = (response: RouteResponse): string => response.text ?? JSON.stringify(response.body);

const STATUS_BY_TYPE: Record<ErrorType, number> = {
  user_input_error: 400,
  auth_error: 401,
  permission_error: 403,
  rate_limited: 429,
  api_error: 502,
  timeout: 504,
  connector_error: 500,
};

export const json = (status: number, body: unknown, headers: Record<string, string> = {}): RouteResponse => ({ status, headers, body });

/** An error envelope with an explicit HTTP status (routing and body problems, which are not call outcomes). */
export const errorJson = (status: number, message: string, headers: Record<string, string> = {}, fields?: string[]): RouteResponse =>
  json(status, { outcome: 'error', error: new ConnectorError('user_input_error', message, { fields }).toJSON() }, headers);

/** The HTTP answer to an operation call: 200 for success, the error type's status otherwise. */
export function callResponse(result: PlatformResult): RouteResponse {
  if (result.outcome === 'success') return json(200, result);
  const type = result.error.type as ErrorType;
  const headers: Record<string, string> = {};
  const retryAfter = result.error.retryAfterSeconds;
  if (type === 'rate_limited' && typeof retryAfter === 'number' && retryAfter >= 0) headers['Retry-After'] = String(Math.ceil(retryAfter));
  return json(STATUS_BY_TYPE[type] ?? 500, result, headers);
}
