import { ConnectorError } from '../core/errors';
import type { OktaRequest, OktaResponse } from '../http/okta-request';
import { buildQuery } from '../http/request-url';
import type { OperationContext, OperationHandler } from './handler-kinds';

/** A request a dry run would have sent, as a builder reads it: secrets masked. */
export interface PlannedRequest {
  method: string;
  path: string;
  query?: Record<string, string | string[]>;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What an operation's preflight found: `unchanged` says why nothing would be sent (the end state is reached). */
export interface PreflightResult {
  unchanged?: string;
}

/** What a dry run returns instead of the operation's output. */
export interface DryRunOutput {
  dry_run: true;
  operation: string;
  /** The writes the call would send, in order. Empty when nothing would change. */
  would_send: PlannedRequest[];
  /** The reads the dry run did send (a dry run reads, as the call would, to resolve ids and check state). */
  reads: Array<{ method: string; path: string }>;
  /** False when later steps depend on what Okta would answer to a write, so the plan stops there. */
  complete: boolean;
  note?: string;
}

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);
export const isRead = (request: Pick<OktaRequest, 'method'>): boolean => READ_METHODS.has(request.method);

export const MASK = '[masked]';
/** Body keys whose string values are secrets (passwords, answers, pass codes, tokens). */
const SECRET_KEY = /pass(word|code)|answer|secret|token|^value$|^salt$/i;
/** Header values shown as they are; any other header value may be a credential and is masked. */
const PLAIN_HEADERS = new Set(['accept', 'accept-language', 'content-type', 'if-match', 'prefer']);

function maskSecrets(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return SECRET_KEY.test(key) ? MASK : value;
  if (Array.isArray(value)) return value.map((item) => maskSecrets(item, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, maskSecrets(v, k)]));
  }
  return value;
}

function planned(request: OktaRequest): PlannedRequest {
  const [path, inlineQuery] = request.path.split('?', 2);
  const params = new URLSearchParams(inlineQuery ?? '');
  const built = buildQuery(request.query ?? {});
  for (const [k, v] of new URLSearchParams(built)) params.append(k, v);
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    // Flags such as `tempPassword=true` say what to do, they hold no secret.
    const values = params.getAll(key).map((v) => (SECRET_KEY.test(key) && !/^(true|false)$/.test(v) ? MASK : v));
    query[key] = values.length === 1 ? values[0] : values;
  }
  const out: PlannedRequest = { method: request.method, path };
  if (Object.keys(query).length) out.query = query;
  if (request.body !== undefined && request.body !== null) out.body = maskSecrets(request.body);
  if (request.headers && Object.keys(request.headers).length) {
    out.headers = Object.fromEntries(Object.entries(request.headers).map(([k, v]) => [k, PLAIN_HEADERS.has(k.toLowerCase()) ? v : MASK]));
  }
  return out;
}

/**
 * The record of one dry run: reads go to Okta, writes are written down and answered with an empty 204 so the
 * handler can go on to its next step. Once a write is planned, whatever the handler does with that empty
 * answer is not Okta's, so an error after it ends the plan (`complete: false`) instead of failing the call.
 */
export class DryRun {
  private readonly writes: PlannedRequest[] = [];
  private readonly reads: Array<{ method: string; path: string }> = [];

  constructor(private readonly operation: string) {}

  /** Sends reads through `send`; plans writes. */
  private async request<T>(request: OktaRequest, send: () => Promise<OktaResponse<T>>): Promise<OktaResponse<T>> {
    if (!isRead(request)) {
      this.writes.push(planned(request));
      return { status: 204, headers: {}, body: null as T };
    }
    this.noteRead(request);
    return send();
  }

  private noteRead(request: OktaRequest): void {
    this.reads.push({ method: request.method, path: request.path.split('?')[0] });
  }

  /** The handler's context in a dry run: the real one, with writes planned instead of sent. */
  private planned(ctx: OperationContext): OperationContext {
    return {
      request: (request) => this.request(request, () => ctx.request(request)),
      list: (request, paging, options) => (this.noteRead(request), ctx.list(request, paging, options)),
      rawRequest: (request, limits) => this.request(request, () => ctx.rawRequest(request, limits)),
      dryRun: true,
    };
  }

  /**
   * Runs the operation under the plan: its preflight first (its refusals are the call's; `{unchanged}` means
   * nothing would be sent), then the handler. Errors before the first planned write are the call's own refusals.
   */
  async run<I>(handler: OperationHandler<I, unknown>, input: I, real: OperationContext): Promise<DryRunOutput> {
    const ctx = this.planned(real);
    const checked = await handler.preflight?.(input, ctx);
    if (checked?.unchanged) return this.output(true, checked.unchanged);
    try {
      await handler.run(input, ctx);
      return this.output(true);
    } catch (error) {
      if (this.writes.length === 0) throw error;
      const reason = error instanceof ConnectorError ? error.message : 'it needs the data Okta would answer';
      return this.output(false, `The plan stops after the last write shown: the next step depends on Okta's answer (${reason}).`);
    }
  }

  private output(complete: boolean, note?: string): DryRunOutput {
    const out: DryRunOutput = { dry_run: true, operation: this.operation, would_send: this.writes, reads: this.reads, complete };
    if (note) out.note = note;
    else if (this.writes.length === 0) out.note = 'Nothing would be sent: the call only reads, or the end state is already reached.';
    return out;
  }
}

/** `okta.x.manage` grants what `okta.x.read` does. */
function covers(granted: readonly string[], needed: string): boolean {
  return granted.includes(needed) || (needed.endsWith('.read') && granted.includes(needed.replace(/\.read$/, '.manage')));
}

/** A dry run with an OAuth credential whose scopes are fixed (`auth.scopes`) refuses what the token would lack. */
export function missingScopesError(operation: string, granted: readonly string[] | undefined, needed: readonly string[]): ConnectorError | undefined {
  if (!granted) return undefined;
  const missing = needed.filter((scope) => !covers(granted, scope));
  if (!missing.length) return undefined;
  return new ConnectorError('permission_error', `${operation} needs the OAuth scope(s) ${missing.join(', ')}, which auth.scopes does not grant`, {
    fields: ['auth.scopes'],
    retryable: false,
  });
}
