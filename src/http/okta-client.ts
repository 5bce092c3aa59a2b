import { USER_AGENT } from '../core/version';
import { AuthProvider } from './auth-provider';
import { assertDestination } from './destination-policy';
import { CallScope } from './call-scope';
import { OktaRequest, OktaResponse } from './okta-request';
import { bucketKey, governorFor } from './rate-governor';
import { redactHeaders, redactSecrets } from './redaction';
import { buildQuery } from './request-url';
import { RequestKind } from './request-kinds';
import { parseBody } from './response-body';
import { decide, Outcome } from './retry-decision';
import { exchange } from './transport';

// Whoever holds a client builds the scope of its calls too.
export { scopeFor } from './call-scope';

const DEFAULT_MAX_RESPONSE_BYTES = 50 * 1024 * 1024;

/** Requests to one org with one credential: the attempt loop around the one retry decision. */
export class OktaClient {
  private active = 0;

  constructor(readonly auth: AuthProvider) {}

  /** Requests under way; a pool never drops a client that has any. */
  get inFlight(): number {
    return this.active;
  }

  /** `kind` decides what a redirect or an error status becomes (see REQUEST_KINDS). */
  async request<T = unknown>(req: OktaRequest, scope: CallScope, kind: RequestKind = 'direct'): Promise<OktaResponse<T>> {
    assertDestination(this.auth.orgUrl);
    this.active++;
    try {
      return (await this.attempts(req, scope, kind)) as OktaResponse<T>;
    } finally {
      this.active--;
    }
  }

  private async attempts(req: OktaRequest, scope: CallScope, kind: RequestKind): Promise<OktaResponse> {
    let firstRequestId: string | undefined;
    let renewed = false;
    for (let attempt = 0; ; attempt++) {
      scope.deadline.check();
      const retryHeaders: Record<string, string> = firstRequestId
        ? { 'X-Okta-Retry-For': firstRequestId, 'X-Okta-Retry-Count': String(attempt) }
        : {};
      const outcome = await this.send(req, retryHeaders, scope, attempt);
      // Only an error answer leads to another attempt, so the first answer's id is the one a retry refers to.
      if ('response' in outcome) firstRequestId ??= outcome.response.headers['x-okta-request-id'];
      const at = { request: req, kind, attempt, maxRetries: scope.options.maxRetries, scopes: scope.scopes };
      const first = decide({ ...at, remainingMs: scope.deadline.remainingMs(), canRenew: !renewed && this.auth.renewAfterUnauthorized !== undefined }, outcome);
      if (first.action === 'renew') {
        renewed = true;
        if (await this.auth.renewAfterUnauthorized!(first.response)) continue;
      }
      const decision = first.action === 'renew' ? decide({ ...at, remainingMs: scope.deadline.remainingMs(), canRenew: false }, outcome) : first;
      switch (decision.action) {
        case 'return':
          return decision.response;
        case 'retry':
          scope.logger?.({ level: 'warn', event: 'retry', operation: scope.operation, method: req.method, path: req.path.split('?')[0], attempt, waitMs: Math.round(decision.waitMs), message: decision.reason });
          await scope.deadline.sleep(decision.waitMs);
          break;
        default:
          throw decision.error;
      }
    }
  }

  /** One attempt: a slot from the org's rate governor, the credential's headers, the exchange, the parsed answer. */
  private async send(req: OktaRequest, extraHeaders: Record<string, string>, scope: CallScope, attempt: number): Promise<Outcome> {
    try {
      const governor = governorFor(this.auth.orgUrl);
      const bucket = bucketKey(req.method, req.path);
      const leaseMs = Math.min(scope.options.requestTimeoutMs, scope.deadline.remainingMs()) + 5_000;
      const release = await governor.acquire(bucket, scope.deadline, scope.rateLimit, leaseMs);
      try {
        const url = `${this.auth.orgUrl}${req.path}${buildQuery(req.query)}`;
        const authorization = this.auth.authorize({ method: req.method, url });
        const headers: Record<string, string> = {
          Accept: 'application/json',
          'Content-Type': 'application/json',
          'User-Agent': USER_AGENT,
          ...req.headers,
          ...extraHeaders,
          ...(authorization instanceof Promise ? await scope.deadline.race(authorization) : authorization),
        };
        const started = Date.now();
        const answer = await exchange({
          method: req.method,
          url,
          headers,
          // Okta answers a bodyless POST, PUT or PATCH without Content-Length with 411; node's http sends
          // `Content-Length: 0` for those itself (okta-client-calls checks it on the wire).
          body: req.body === undefined || req.body === null ? undefined : JSON.stringify(req.body),
          timeoutMs: Math.min(scope.options.requestTimeoutMs, scope.deadline.remainingMs()),
          signal: scope.deadline.signal,
          maxResponseBytes: scope.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
        });
        const secrets = this.auth.secrets;
        const responseHeaders = redactHeaders(answer.headers, secrets);
        governor.record(bucket, responseHeaders);
        const body = parseBody(answer.status, responseHeaders, redactSecrets(answer.text, secrets));
        scope.logger?.({
          level: answer.status >= 400 ? 'warn' : 'debug', event: 'http', operation: scope.operation, method: req.method,
          path: req.path.split('?')[0], status: answer.status, attempt, durationMs: Date.now() - started,
          requestId: responseHeaders['x-okta-request-id'],
        });
        return { response: { status: answer.status, headers: responseHeaders, body } };
      } finally {
        release();
      }
    } catch (error) {
      return { error };
    }
  }
}
