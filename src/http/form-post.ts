import { ConnectorError } from '../core/errors';
import { USER_AGENT } from '../core/version';
import { assertDestination } from './destination-policy';
import { exchange, TransportFault } from './transport';

export interface FormResponse {
  status: number;
  /** Lower-cased names. */
  headers: Record<string, string>;
  /** Parsed JSON, or the raw text when the body is not JSON, or null when empty. */
  body: unknown;
}

/** A token response is a few KB; anything near this is not one. */
const MAX_FORM_RESPONSE_BYTES = 1024 * 1024;

/** JSON when it parses, else the text (a token endpoint's error page is still worth quoting). */
function parse(text: string): unknown {
  if (text.trim() === '') return null;
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
    const answer = await exchange({
      method: 'POST',
      url,
      body: new URLSearchParams(form).toString(),
      headers: { Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', 'User-Agent': USER_AGENT, ...headers },
      timeoutMs,
      maxResponseBytes: MAX_FORM_RESPONSE_BYTES,
    });
    return { status: answer.status, headers: answer.headers, body: parse(answer.text) };
  } catch (error) {
    if (error instanceof ConnectorError) throw error; // the destination policy's refusal
    const fault = error instanceof TransportFault ? error : undefined;
    if (fault?.reason === 'timeout') {
      throw new ConnectorError('timeout', `${new URL(url).origin} did not answer the token request within ${timeoutMs} ms`, { retryable: true });
    }
    throw new ConnectorError('api_error', `Network error requesting a token from ${new URL(url).origin}${fault?.code ? ` (${fault.code})` : ''}`, { retryable: true });
  }
}
