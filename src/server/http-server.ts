import http from 'node:http';
import { AddressInfo } from 'node:net';
import { createRouter, DEFAULT_MAX_BODY_BYTES, Router, RouterConfig } from './router';
import { RouteResponse, serialise } from './responses';

export interface ServerOptions extends RouterConfig {
  port?: number;
  host?: string;
}

export interface RunningServer {
  server: http.Server;
  /** e.g. http://127.0.0.1:8080 */
  url: string;
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, then aborts what is left. */
  close(graceMs?: number): Promise<void>;
}

export const DEFAULT_GRACE_MS = 10_000;
const ABORT_SETTLE_MS = 500;

interface Body {
  body: Buffer;
  tooLarge: boolean;
}

/** Reads at most `limit` bytes; past that it stops keeping data (the response closes the connection). */
function readBody(req: http.IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(req.headers['content-length']);
  if (declared > limit) {
    req.resume();
    return Promise.resolve({ body: Buffer.alloc(0), tooLarge: true });
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve({ body: Buffer.concat(chunks), tooLarge }));
    req.on('error', reject);
  });
}

function send(res: http.ServerResponse, response: RouteResponse, closeConnection: boolean): void {
  const { payload, contentType } = serialise(response);
  res.writeHead(response.status, {
    ...response.headers,
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(closeConnection ? { Connection: 'close' } : {}),
  });
  res.end(payload);
}

/** The connector over plain node:http: one router call per request, nothing kept between requests. */
export function createHttpServer(options: RouterConfig = {}, router: Router = createRouter(options)) {
  const inFlight = new Set<AbortController>();
  let shuttingDown = false;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;

  const server = http.createServer(async (req, res) => {
    const controller = new AbortController();
    inFlight.add(controller);
    // The client went away before the answer: stop the Okta calls made on its behalf.
    res.on('close', () => {
      inFlight.delete(controller);
      if (!res.writableFinished) controller.abort();
    });
    try {
      const path = new URL(req.url ?? '/', 'http://localhost').pathname;
      const { body, tooLarge } = req.method === 'GET' || req.method === 'HEAD' ? { body: undefined, tooLarge: false } : await readBody(req, maxBodyBytes);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]));
      const response = await router({ method: req.method ?? 'GET', path, headers, body, bodyTooLarge: tooLarge, signal: controller.signal });
      if (!res.destroyed) send(res, response, shuttingDown || tooLarge);
    } catch {
      if (!res.headersSent && !res.destroyed) {
        send(res, { status: 500, headers: {}, body: { outcome: 'error', error: { type: 'connector_error', message: 'The request failed', retryable: false } } }, true);
      }
    }
  });

  function close(graceMs = DEFAULT_GRACE_MS): Promise<void> {
    shuttingDown = true;
    return new Promise<void>((resolve) => {
      // Past the grace period: abort the calls still running (each answers 504), then drop what remains.
      const deadline = setTimeout(() => {
        for (const controller of inFlight) controller.abort();
        setTimeout(() => server.closeAllConnections(), ABORT_SETTLE_MS).unref();
      }, graceMs);
      server.close(() => {
        clearTimeout(deadline);
        resolve();
      });
      server.closeIdleConnections();
    });
  }

  return { server, close };
}

export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const { server, close } = createHttpServer(options);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;
  return { server, url: `http://${host}:${port}`, close };
}
