import { ConnectorError } from '../core/errors';

/** JSON when it says or looks like JSON, the text otherwise, null when empty. */
export function parseBody(status: number, headers: Record<string, string>, text: string): unknown {
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
