import http from 'node:http';
import https from 'node:https';
import axios from 'axios';
import { ConnectorError } from '../core/errors';
import { USER_AGENT } from '../core/version';
import { assertDestination, destinationRefusal, guardedLookup } from './destination-policy';

export interface FormResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when the body is not JSON, or null when empty. */
  body: unknown;
}

// No keep-alive: a token is fetched about once an hour, so an idle pooled socket would only linger.
const formHttp = axios.create({
  httpAgent: new http.Agent({ keepAlive: false, lookup: guardedLookup }),
  httpsAgent: new https.Agent({ keepAlive: false, lookup: guardedLookup }),
  maxRedirects: 0,
  proxy: false,
  responseType: 'text',
  transformResponse: [(data: unknown) => data],
  validateStatus: () => true,
});

function parse(text: string): unknown {
  if (typeof text !== 'string' || text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/**
 * POSTs an `application/x-www-form-urlencoded` body (OAuth token requests) and returns whatever status
 * came back. Transport failures become ConnectorErrors that never carry the request (it holds credentials).
 */
export async function postForm(url: string, form: Record<string, string>, headers: Record<string, string>, timeoutMs: number): Promise<FormResponse> {
  assertDestination(new URL(url).origin);
  try {
    const res = await formHttp.request<string>({
      method: 'POST',
      url,
      data: new URLSearchParams(form).toString(),
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': USER_AGENT, ...headers },
      signal: AbortSignal.timeout(timeoutMs),
    });
    const flat: Record<string, string> = {};
    for (const [key, value] of Object.entries(res.headers ?? {})) {
      if (value !== undefined && value !== null) flat[key.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    }
    return { status: res.status, headers: flat, body: parse(res.data) };
  } catch (error) {
    const refused = destinationRefusal(error);
    if (refused) throw refused;
    const code = (error as { code?: string })?.code;
    const message = (error as { message?: string })?.message ?? '';
    if (code === 'ERR_CANCELED' || code === 'ECONNABORTED' || code === 'ETIMEDOUT' || /abort|timeout/i.test(message)) {
      throw new ConnectorError('timeout', `${new URL(url).origin} did not answer the token request within ${timeoutMs} ms`, { retryable: true });
    }
    throw new ConnectorError('api_error', `Network error requesting a token from ${new URL(url).origin}${code ? ` (${code})` : ''}`, { retryable: true });
  }
}
