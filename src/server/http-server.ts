import http from 'node:http';
import { AddressInfo, Socket } from 'node:net';
import { createRouter, DEFAULT_MAX_BODY_BYTES, Router, RouterConfig } from './router';
import { CallerKeys } from './caller-keys';
import { AllowedHosts } from './host-check';
import { PerimeterExemption } from './perimeter';
import { RouteResponse, serialise } from './responses';

/** Socket-level bounds, each a setting (docs/SECURITY.md lists the environment names). */
export interface ConnectionLimits {
  /** Open connections at once; past it new connections are closed at once. */
  maxConnections: number;
  /** Time for a client to send all request headers (slow-loris headers). */
  headersTimeoutMs: number;
  /** Time for a client to send the whole request, body included (slow-loris bodies). */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection stays open. */
  keepAliveTimeoutMs: number;
  /** Requests one keep-alive connection may carry before it is closed. */
  maxRequestsPerSocket: number;
  /** Pipelined requests waiting on one connection; past it the connection is closed. */
  maxPipelinedRequests: number;
}

export const DEFAULT_CONNECTION_LIMITS: Readonly<ConnectionLimits> = Object.freeze({
  maxConnections: 256,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxRequestsPerSocket: 1_000,
  maxPipelinedRequests: 16,
});

export interface ServerOptions extends Omit<RouterConfig, 'perimeter'> {
  port?: number;
  host?: string;
  connectionLimits?: Partial<ConnectionLimits>;
  /** Caller keys; without them every caller is anonymous (main.ts allows that on loopback only). */
  keys?: CallerKeys;
  /** Host names beyond the loopback names of the port (PUBLIC_URL's host, CONNECTOR_ALLOWED_HOSTS). */
  allowedHosts?: readonly string[];
  /** Routes that skip the key or Host check (GET /healthz by default). */
  exemptions?: readonly PerimeterExemption[];
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
    // A client gone mid-body (or cut by the request timeout) never ends the body: settle anyway.
    req.on('close', () => (req.complete ? undefined : reject(new Error('the request was cut off'))));
  });
}

function send(res: http.ServerResponse, response: RouteResponse, closeConnection: boolean): void {
  const payload = serialise(response);
  res.writeHead(response.status, {
    ...response.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(payload),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(closeConnection ? { Connection: 'close' } : {}),
  });
  res.end(payload);
}

/** Resolves once the answer has left for the kernel (or the connection is gone): the next request may start. */
function flushed(res: http.ServerResponse, socket: Socket): Promise<void> {
  return new Promise<void>((resolve) => {
    const next = () => {
      if (!socket.writableNeedDrain || socket.destroyed) return resolve();
      socket.once('drain', resolve);
      socket.once('close', resolve);
    };
    if (res.writableFinished || res.destroyed) return next();
    res.once('finish', next);
    res.once('close', next);
  });
}

/**
 * The connector over plain node:http: one router call per request, nothing kept between requests.
 * Requests on one connection are answered one at a time, each after the previous answer was flushed, so
 * a client that pipelines requests and never reads holds at most one answer in memory.
 */
export function createHttpServer(options: RouterConfig & { connectionLimits?: Partial<ConnectionLimits> } = {}, router: Router = createRouter(options)) {
  const inFlight = new Set<AbortController>();
  let shuttingDown = false;
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const limits = { ...DEFAULT_CONNECTION_LIMITS, ...options.connectionLimits };
  const queues = new WeakMap<Socket, { tail: Promise<void>; waiting: number }>();

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
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
  }

  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // Node checks the two timeouts above on this interval (30 s by default): check every second.
      connectionsCheckingInterval: 1_000,
    },
    (req, res) => {
      const socket = req.socket;
      const queue = queues.get(socket) ?? { tail: Promise.resolve(), waiting: 0 };
      queues.set(socket, queue);
      if (queue.waiting >= limits.maxPipelinedRequests) {
        socket.destroy();
        return;
      }
      queue.waiting++;
      queue.tail = queue.tail
        .then(() => (socket.destroyed ? undefined : handle(req, res).then(() => flushed(res, socket))))
        .finally(() => queue.waiting--);
    },
  );
  server.maxConnections = limits.maxConnections;
  server.maxRequestsPerSocket = limits.maxRequestsPerSocket;

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

/** Listens with the perimeter on: the Host check always, caller keys when given. */
export async function startServer(options: ServerOptions = {}): Promise<RunningServer> {
  const hosts = new AllowedHosts(options.allowedHosts ?? []);
  const { server, close } = createHttpServer({ ...options, perimeter: { keys: options.keys, hosts, exemptions: options.exemptions } });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 8080, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port } = server.address() as AddressInfo;
  hosts.addListening(address, port);
  const host = address.includes(':') ? `[${address}]` : address;
  return { server, url: `http://${host}:${port}`, close };
}
