import { RouteRequest } from './router';
import { errorJson, RouteResponse } from './responses';

/**
 * The JSON body of a POST, or the answer refusing it: too large (413), not sent as JSON (415), not JSON (400).
 * Requiring the JSON content type forces a CORS preflight, so a web page cannot make a browser call a local service.
 */
export function readJsonBody(request: RouteRequest, maxBodyBytes: number): { parsed: unknown } | { refused: RouteResponse } {
  if (request.bodyTooLarge || (request.body?.length ?? 0) > maxBodyBytes) return { refused: errorJson(413, `The body is larger than ${maxBodyBytes} bytes`) };
  const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (contentType !== 'application/json') return { refused: errorJson(415, 'Send the body as Content-Type: application/json') };
  try {
    return { parsed: JSON.parse(request.body?.toString('utf8') || 'null') };
  } catch {
    return { refused: errorJson(400, 'The body is not valid JSON') };
  }
}
