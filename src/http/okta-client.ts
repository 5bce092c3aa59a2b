import http from 'node:http';
import https from 'node:https';
import axios, { AxiosInstance, AxiosResponse } from 'axios';
import { AuthProvider } from './auth-provider';
import { CallOptions, DEFAULT_CALL_OPTIONS, Logger } from '../core/call-options';
import { ConnectorError } from '../core/errors';
import { USER_AGENT } from '../core/version';
import { Deadline } from './deadline';
import { bucketKey, CallRateLimits, governorFor, OrgGovernor } from './rate-governor';
import { functionalLimitSeconds, mapOktaError } from './okta-errors';
import { buildQuery, QueryValue } from './request-url';
import { backoffMs, isIdempotent, rateLimitWaitMs } from './retry-policy';

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

/** Per-call state shared by every request one operation makes. */
export interface CallScope {
  deadline: Deadline;
  options: Required<Pick<CallOptions, 'requestTimeoutMs' | 'maxRetries'>>;
  logger?: Logger;
  operation?: string;
  /** What this call asked for itself (a lower concurrency, a bigger reserve); the org's settings are the configuration's. */
  rateLimit?: CallRateLimits;
  /** The operation's OAuth scopes, named in the error when the access token lacks them. */
  scopes?: readonly string[];
  /** Return 4xx/5xx responses instead of throwing (raw HTTP). */
  passErrorsThrough?: boolean;
  maxResponseBytes?: number;
}

/** Connection errors that mean the request never reached Okta. */
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

function flattenHeaders(res: AxiosResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(res.headers ?? {})) {
    if (value === undefined || value === null) continue;
    headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
}

/**
 * A server that reflects the request (a debugging proxy, an echo endpoint) would hand the credential back
 * into outputs, errors and logs: every secret the credential holds is masked in what comes back.
 */
function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length >= 8 && out.includes(secret)) out = out.split(secret).join('[redacted]');
  return out;
}

function parseBody(status: number, headers: Record<string, string>, text: string): unknown {
  if (status === 204 || text === undefined || text === null || text.trim() === '') return null;
  const type = headers['content-type'] ?? '';
  if (type.includes('json') || /^[[{]/.test(text.trim())) {
    try {
      return JSON.parse(text);
    } catch {
      if (status < 400) {
        throw new ConnectorError('api_error', `Okta returned malformed JSON (HTTP ${status})`, { status, retryable: true });
      }
    }
  }
  return text;
}

/**
 * Aborts one request when its timeout passes or the caller's signal fires. One controller and one timer,
 * cleared when the request ends: `AbortSignal.any([AbortSignal.timeout(ms), caller])` does the same but costs
 * noticeably more per request on Node 20 (weakly held timer and signals), and its timer outlives the request.
 */
class RequestAbort {
  private readonly controller = new AbortController();
  private readonly timer: NodeJS.Timeout;
  private readonly onCallerAbort = () => this.controller.abort();
  timedOut = false;

  constructor(timeoutMs: number, private readonly caller?: AbortSignal) {
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, timeoutMs);
    if (caller?.aborted) this.controller.abort();
    else caller?.addEventListener('abort', this.onCallerAbort, { once: true });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}

/** One client per org and credential: one keep-alive connection pool, the retry loop, the error mapper. */
export class OktaClient {
  private readonly http: AxiosInstance;

  constructor(readonly auth: AuthProvider) {
    this.http = axios.create({
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: 32 }),
      httpsAgent: new https.Agent({ keepAlive: true, maxSockets: 32 }),
      maxRedirects: 0,
      proxy: false,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
      transformRequest: [(data: unknown) => data],
      validateStatus: () => true,
    });
  }

  async request<T = unknown>(req: OktaRequest, scope: CallScope): Promise<OktaResponse<T>> {
    let firstRequestId: string | undefined;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      scope.deadline.check();
      const retryHeaders: Record<string, string> = attempt > 0 && firstRequestId
        ? { 'X-Okta-Retry-For': firstRequestId, 'X-Okta-Retry-Count': String(attempt) }
        : {};
      let response: OktaResponse;
      try {
        response = await this.send(req, retryHeaders, scope, attempt);
      } catch (error) {
        const retryable = error instanceof ConnectorError && error.retryable && error.type === 'api_error';
        const waitMs = backoffMs(attempt);
        // A backoff that outlasts the deadline would only end in a bare timeout: report the network error now.
        if (retryable && attempt < scope.options.maxRetries && isIdempotent(req.method) && waitMs <= scope.deadline.remainingMs()) {
          await this.wait(scope, req, attempt, waitMs, 'network error');
          continue;
        }
        throw error;
      }
      if (response.status < 400) return response as OktaResponse<T>;
      firstRequestId ??= response.headers['x-okta-request-id'];

      if (response.status === 401 && !renewed && this.auth.renewAfterUnauthorized) {
        renewed = true;
        if (await this.auth.renewAfterUnauthorized(response)) continue;
      }
      const waitMs = this.retryWait(req, response, attempt, scope);
      if (waitMs === undefined) {
        if (scope.passErrorsThrough) return response as OktaResponse<T>;
        throw this.errorFor(req, response, scope);
      }
      if (waitMs > scope.deadline.remainingMs()) {
        if (scope.passErrorsThrough) return response as OktaResponse<T>;
        throw this.errorFor(req, response, scope, Math.ceil(waitMs / 1000));
      }
      await this.wait(scope, req, attempt, waitMs, `HTTP ${response.status}`);
    }
  }

  private retryWait(req: OktaRequest, res: OktaResponse, attempt: number, scope: CallScope): number | undefined {
    if (attempt >= scope.options.maxRetries) return undefined;
    if (res.status === 429) return functionalLimitSeconds(res.body, req.functionalLimits) === undefined ? rateLimitWaitMs(res.headers, attempt) : undefined;
    if (res.status >= 500 && isIdempotent(req.method)) return backoffMs(attempt);
    return undefined;
  }

  private errorFor(req: OktaRequest, res: OktaResponse, scope: CallScope, retryAfterSeconds?: number): ConnectorError {
    if (res.status === 429 && retryAfterSeconds === undefined) {
      retryAfterSeconds = functionalLimitSeconds(res.body, req.functionalLimits) ?? Math.ceil(rateLimitWaitMs(res.headers, 0) / 1000);
    }
    return mapOktaError({
      status: res.status,
      body: res.body,
      requestId: res.headers['x-okta-request-id'],
      retryAfterSeconds: res.status === 429 ? retryAfterSeconds : undefined,
      wwwAuthenticate: res.headers['www-authenticate'],
      requiredScopes: scope.scopes,
      idempotent: isIdempotent(req.method),
    });
  }

  private async wait(scope: CallScope, req: OktaRequest, attempt: number, waitMs: number, reason: string) {
    scope.logger?.({ level: 'warn', event: 'retry', operation: scope.operation, method: req.method, path: req.path.split('?')[0], attempt, waitMs: Math.round(waitMs), message: reason });
    await scope.deadline.sleep(waitMs);
  }

  private async send(req: OktaRequest, extraHeaders: Record<string, string>, scope: CallScope, attempt: number): Promise<OktaResponse> {
    const governor = governorFor(this.auth.orgUrl);
    const bucket = bucketKey(req.method, req.path);
    const leaseMs = Math.min(scope.options.requestTimeoutMs, scope.deadline.remainingMs()) + 5_000;
    const release = await governor.acquire(bucket, scope.deadline, scope.rateLimit, leaseMs);
    try {
      return await this.sendNow(req, extraHeaders, scope, attempt, governor, bucket);
    } finally {
      release();
    }
  }

  private async sendNow(
    req: OktaRequest, extraHeaders: Record<string, string>, scope: CallScope, attempt: number,
    governor: OrgGovernor, bucket: string,
  ): Promise<OktaResponse> {
    const url = `${this.auth.orgUrl}${req.path}${buildQuery(req.query)}`;
    const hasBody = req.body !== undefined && req.body !== null;
    const headers: Record<string, string> = {
      Accept: 'application/json',
      'Content-Type': 'application/json',
      'User-Agent': USER_AGENT,
      ...req.headers,
      ...extraHeaders,
      ...(await scope.deadline.race(this.auth.authorize({ method: req.method, url }))),
    };
    if (!hasBody && (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH')) headers['Content-Length'] = '0';
    const timeout = Math.min(scope.options.requestTimeoutMs, scope.deadline.remainingMs());
    const abort = new RequestAbort(Math.max(1, timeout), scope.deadline.signal);
    const started = Date.now();
    const maxBytes = scope.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
    let res: AxiosResponse<string>;
    try {
      res = await this.http.request<string>({
        method: req.method,
        url,
        headers,
        data: hasBody ? JSON.stringify(req.body) : undefined,
        signal: abort.signal,
        maxContentLength: maxBytes,
        maxBodyLength: 10 * 1024 * 1024,
      });
    } catch (error) {
      throw this.transportError(error, req.method, scope, timeout, maxBytes, abort.timedOut);
    } finally {
      abort.dispose();
    }
    const secrets = this.auth.secrets;
    const responseHeaders = flattenHeaders(res);
    for (const [name, value] of Object.entries(responseHeaders)) responseHeaders[name] = redactSecrets(value, secrets);
    governor.record(bucket, responseHeaders);
    const body = parseBody(res.status, responseHeaders, typeof res.data === 'string' ? redactSecrets(res.data, secrets) : res.data);
    scope.logger?.({
      level: res.status >= 400 ? 'warn' : 'debug', event: 'http', operation: scope.operation, method: req.method,
      path: req.path.split('?')[0], status: res.status, attempt, durationMs: Date.now() - started,
      requestId: responseHeaders['x-okta-request-id'],
    });
    return { status: res.status, headers: responseHeaders, body };
  }

  /** Never passes axios' error on: it carries the request config, headers included. */
  private transportError(error: unknown, method: string, scope: CallScope, timeoutMs: number, maxBytes: number, timedOut: boolean): ConnectorError {
    if (scope.deadline.signal?.aborted) return new ConnectorError('timeout', 'The call was cancelled by the caller');
    const code = (error as { code?: string })?.code;
    const message = (error as { message?: string })?.message ?? '';
    if (/maxContentLength/i.test(message)) {
      return new ConnectorError('api_error', `Okta's response exceeded the ${maxBytes}-byte limit`);
    }
    // A POST that may have reached Okta is not known to be safe to repeat; one that never connected is.
    const neverSent = code !== undefined && NOT_CONNECTED_CODES.has(code);
    const mayHaveActed = !neverSent && !isIdempotent(method);
    const caution = mayHaveActed ? '. Okta may have acted on this request before the connection failed: check the result before repeating it' : '';
    // Only our own timer means a timeout: axios reports a connection closed mid-body as "stream has been
    // aborted" (ERR_BAD_RESPONSE), which is a network fault to retry, not a timeout or an oversized body.
    if (timedOut || code === 'ERR_CANCELED' || code === 'ECONNABORTED' || code === 'ETIMEDOUT') {
      return new ConnectorError('timeout', `Okta did not answer within ${timeoutMs} ms${caution}`, { retryable: !mayHaveActed });
    }
    return new ConnectorError('api_error', `Network error talking to Okta${code ? ` (${code})` : ''}${caution}`, { retryable: !mayHaveActed });
  }
}

/**
 * `request` hands back 3xx responses (redirects are never followed, and raw HTTP returns them as they are).
 * Every other caller expects Okta's answer: a redirect (usually a domain that is not the org's API host)
 * must fail, not pass as an empty success.
 */
export function withoutRedirect<T>(response: OktaResponse<T>): OktaResponse<T> {
  if (response.status < 300 || response.status >= 400) return response;
  const location = response.headers['location'];
  let where = '';
  try {
    if (location) where = ` to ${new URL(location, 'https://org.invalid').host}`;
  } catch {
    where = '';
  }
  throw new ConnectorError('api_error', `Okta answered HTTP ${response.status} (a redirect${where}), which the connector does not follow: check that auth.domain is the Okta org's domain`, {
    status: response.status,
    requestId: response.headers['x-okta-request-id'],
  });
}

const clients = new Map<string, OktaClient>();

/** Clients are reused per org and credential so that connections stay alive between calls. */
export function clientFor(auth: AuthProvider): OktaClient {
  let client = clients.get(auth.cacheKey);
  if (!client) {
    client = new OktaClient(auth);
    clients.set(auth.cacheKey, client);
  }
  return client;
}

export function scopeFor(options: CallOptions, operation?: string, scopes?: readonly string[]): CallScope {
  return {
    deadline: new Deadline(options.timeoutMs ?? DEFAULT_CALL_OPTIONS.timeoutMs, options.signal),
    options: {
      requestTimeoutMs: options.requestTimeoutMs ?? DEFAULT_CALL_OPTIONS.requestTimeoutMs,
      maxRetries: options.maxRetries ?? DEFAULT_CALL_OPTIONS.maxRetries,
    },
    logger: options.logger,
    operation,
    scopes,
    rateLimit: options.rateLimit ? new CallRateLimits(options.rateLimit) : undefined,
  };
}
