import http from 'node:http';
import { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { oktaErrors, SandboxError } from './okta-error-bodies';
import { RateLimiter, SandboxRateLimit } from './rate-limits';
import { RouteTable } from './route-table';
import { Route, SandboxRequest, SandboxResponse } from './route-types';

export interface SandboxServerOptions {
  routes: Route[];
  /** The API token clients must send as `Authorization: SSWS <token>`. */
  token: string;
  rateLimit?: Partial<SandboxRateLimit>;
  /** Largest accepted request body. */
  maxBodyBytes?: number;
  /** Sees every answered request (tests use it to check the sandbox against Okta's spec). */
  onExchange?: (exchange: SandboxExchange) => void;
}

export interface SandboxExchange {
  method: string;
  path: string;
  query: Record<string, string>;
  requestBody: unknown;
  status: number;
  responseBody: unknown;
}

const BODYLESS_WRITES = new Set(['POST', 'PUT']);

function readBody(req: http.IncomingMessage, maxBytes: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        reject(new SandboxError(413, 'E0000003', 'The request body was too large.'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, answer: SandboxResponse, extraHeaders: Record<string, string>): void {
  const hasBody = answer.body !== undefined && answer.status !== 204;
  const text = hasBody ? JSON.stringify(answer.body) : '';
  res.writeHead(answer.status, {
    Date: new Date().toUTCString(),
    'X-Okta-Request-Id': randomBytes(12).toString('base64url'),
    ...(hasBody ? { 'Content-Type': 'application/json' } : {}),
    'Content-Length': String(Buffer.byteLength(text)),
    ...extraHeaders,
    ...answer.headers,
  });
  res.end(text);
}

/** An HTTP server that answers like Okta's Management API for the given routes. */
export function createSandboxServer(options: SandboxServerOptions): http.Server {
  const routeTable = new RouteTable(options.routes);
  const limiter = new RateLimiter({ limit: 600, windowMs: 60_000, enforce: false, ...options.rateLimit });
  const maxBodyBytes = options.maxBodyBytes ?? 1024 * 1024;

  return http.createServer(async (req, res) => {
    let rateHeaders: Record<string, string> = {};
    try {
      const host = req.headers.host ?? '127.0.0.1';
      const url = new URL(req.url ?? '/', `http://${host}`);
      const method = (req.method ?? 'GET').toUpperCase();
      if (req.headers.authorization !== `SSWS ${options.token}`) throw oktaErrors.invalidToken();
      const match = routeTable.match(method, url.pathname);
      if (!match.route) {
        throw match.pathKnown ? oktaErrors.methodNotAllowed() : oktaErrors.notEmulated(method, url.pathname);
      }
      rateHeaders = limiter.take(`${method} ${match.route.pattern}`);
      const text = await readBody(req, maxBodyBytes);
      if (BODYLESS_WRITES.has(method) && text === '' && req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) {
        throw oktaErrors.lengthRequired();
      }
      let body: unknown;
      if (text.trim() !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          throw oktaErrors.malformedBody();
        }
      }
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : String(v ?? '')]));
      const request: SandboxRequest = { method, params: match.params, query: url.searchParams, headers, body, baseUrl: `http://${host}`, url };
      const answer = match.route.handle(request);
      options.onExchange?.({ method, path: url.pathname, query: Object.fromEntries(url.searchParams), requestBody: body, status: answer.status, responseBody: answer.body });
      send(res, answer, rateHeaders);
    } catch (error) {
      if (error instanceof SandboxError) {
        send(res, { status: error.status, body: error.toBody(), headers: error.headers }, rateHeaders);
      } else {
        send(res, { status: 500, body: new SandboxError(500, 'E0000009', `Internal Server Error: ${(error as Error).message}`).toBody() }, rateHeaders);
      }
    }
  });
}

export async function listen(server: http.Server, port = 0, host = '127.0.0.1'): Promise<string> {
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address() as AddressInfo;
  return `http://${host}:${address.port}`;
}
