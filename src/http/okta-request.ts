import { QueryValue } from './request-url';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH' | 'HEAD' | 'OPTIONS';

export interface OktaRequest {
  method: HttpMethod;
  /** Path on the org host, already encoded (build it with `oktaPath`). May carry its own query string. */
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * 429 error codes that on this endpoint mean a per-object limit, not a rate-limit bucket (e.g. E0000047 for
   * five factor activation attempts in five minutes), with the documented wait in seconds. Like
   * FUNCTIONAL_LIMIT_SECONDS they are not retried: the caller is told when to try again.
   */
  functionalLimits?: Record<string, number>;
}

export interface OktaResponse<T = unknown> {
  status: number;
  headers: Record<string, string>;
  body: T;
}
