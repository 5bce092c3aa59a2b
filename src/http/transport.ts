import { Axios, AxiosResponse } from 'axios';
import { ConnectorError } from '../core/errors';
import { agentFor } from './agents';
import { destinationRefusal } from './destination-policy';
import { leanHttpAdapter } from './lean-adapter';

/** One HTTP exchange, as the connector wants it: nothing followed, nothing parsed, nothing thrown for a status. */
export interface Exchange {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** The caller's cancellation. */
  signal?: AbortSignal;
  maxResponseBytes: number;
}

export interface Answer {
  status: number;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  text: string;
}

/** Connection errors that mean the request never reached the server. */
const NOT_CONNECTED_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;

/**
 * Why an exchange produced no answer. It never carries axios' error: that holds the request config,
 * headers (the credential) included.
 */
export class TransportFault extends Error {
  constructor(
    readonly reason: 'cancelled' | 'timeout' | 'too-large' | 'network',
    /** The system error code (ECONNRESET ...), when there is one. */
    readonly code: string | undefined,
    /** True when the request cannot have reached the server (the connection was never made). */
    readonly neverSent: boolean,
    readonly exchange: Pick<Exchange, 'method' | 'timeoutMs' | 'maxResponseBytes'>,
  ) {
    super(`transport ${reason}${code ? ` (${code})` : ''}`);
  }
}

/**
 * An axios instance built from the bare `Axios` class, not `axios.create`: only these defaults, none of axios'
 * own (default headers per method, xsrf names, transforms, the transitional flags), which axios would otherwise
 * merge into every request and walk on every answer. No transforms: the body goes out as the string it is
 * and comes back as text; `validateStatus: null` resolves every status.
 */
const client = new Axios({
  adapter: leanHttpAdapter,
  maxRedirects: 0,
  proxy: false,
  responseType: 'text',
  validateStatus: null,
});

function flattenHeaders(res: AxiosResponse): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(res.headers ?? {})) {
    headers[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return headers;
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
    else caller?.addEventListener('abort', this.onCallerAbort);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.caller?.removeEventListener('abort', this.onCallerAbort);
  }
}

function faultFor(error: unknown, exchange: Exchange, timedOut: boolean): TransportFault {
  const code = (error as { code?: string })?.code;
  const message = (error as { message?: string })?.message ?? '';
  const fault = (reason: TransportFault['reason']) => new TransportFault(reason, code, code !== undefined && NOT_CONNECTED_CODES.has(code), exchange);
  if (exchange.signal?.aborted) return fault('cancelled');
  if (/maxContentLength/i.test(message)) return fault('too-large');
  // Our own timer is the only other source of an abort (ERR_CANCELED). A connection closed mid-body is "stream has
  // been aborted" (ERR_BAD_RESPONSE): a network fault, not a timeout or an oversized body.
  if (timedOut || code === 'ECONNABORTED' || code === 'ETIMEDOUT') return fault('timeout');
  return fault('network');
}

/**
 * Sends one request over the origin's keep-alive agent; throws a TransportFault, or the destination
 * policy's refusal (a user_input_error) when the name resolved to an address a credential may not go to.
 */
export async function exchange(request: Exchange): Promise<Answer> {
  const bodyBytes = request.body === undefined ? 0 : Buffer.byteLength(request.body);
  if (bodyBytes > MAX_REQUEST_BODY_BYTES) {
    throw new ConnectorError('user_input_error', `The request body is ${bodyBytes} bytes, over the ${MAX_REQUEST_BODY_BYTES}-byte limit for one request`, { fields: ['body'] });
  }
  const abort = new RequestAbort(Math.max(1, request.timeoutMs), request.signal);
  const agent = agentFor(request.url);
  try {
    const res = await client.request<string>({
      method: request.method,
      url: request.url,
      headers: request.headers,
      data: request.body,
      signal: abort.signal,
      httpAgent: agent,
      httpsAgent: agent,
      maxContentLength: request.maxResponseBytes,
    });
    return { status: res.status, headers: flattenHeaders(res), text: res.data };
  } catch (error) {
    throw destinationRefusal(error) ?? faultFor(error, request, abort.timedOut);
  } finally {
    abort.dispose();
  }
}
