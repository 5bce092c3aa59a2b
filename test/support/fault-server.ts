import http from 'node:http';
import { AddressInfo } from 'node:net';
import { allowTestOrg } from './test-org-destination';

/**
 * What the fault server does with one request. Every fault is real socket behaviour on loopback, not a
 * mock: the connector's HTTP stack sees exactly what a misbehaving Okta, proxy or network would give it.
 */
export type Fault =
  | { kind: 'json'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Answers the body as given, byte for byte (HTML pages, broken JSON). */
  | { kind: 'text'; status: number; body: string; contentType: string; headers?: Record<string, string> }
  /** Sends nothing at all for `delayMs`, then the `then` fault (if the client is still there). */
  | { kind: 'slowHeaders'; delayMs: number; then: Fault }
  /** Sends status and headers at once, then `body` in `chunks` pieces, one every `intervalMs`. */
  | { kind: 'trickle'; status: number; body: string; chunks: number; intervalMs: number }
  /**
   * Announces `Content-Length` for a whole JSON body, sends part of it, then drops the connection: with a
   * TCP reset (`reset`) or a plain close (`close`, as a proxy that gives up does).
   */
  | { kind: 'cutMidBody'; how: 'reset' | 'close'; status: number; partial: string; declaredLength: number }
  /** Resets the connection before any response byte. */
  | { kind: 'resetBeforeHeaders' }
  /** A JSON user object padded to exactly `bytes` bytes, streamed in 64 KiB chunks. */
  | { kind: 'big'; status: number; bytes: number }
  /** Answers 200 with the request's method, path and every request header it received, in the body and as `x-echo-*` headers. */
  | { kind: 'echo' };

export interface SeenRequest {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Responder = (req: SeenRequest) => Fault;

/** A scripted sequence: fault i answers the i-th request; the last one repeats. */
export const sequence = (...faults: Fault[]): Responder => {
  let i = 0;
  return () => faults[Math.min(i++, faults.length - 1)];
};

export const json = (status: number, body?: unknown, headers?: Record<string, string>): Fault => ({ kind: 'json', status, body, headers });

export const oktaError = (status: number, code: string, summary: string, headers?: Record<string, string>): Fault =>
  json(status, { errorCode: code, errorSummary: summary, errorLink: code, errorId: `oae${code}`, errorCauses: [] }, { 'X-Okta-Request-Id': `req-${code}`, ...headers });

/** A 429 telling the client to wait `inSeconds` (against the response Date, as Okta does). */
export function rateLimited(inSeconds: number, extra: Record<string, string> = {}): Fault {
  const now = Date.now();
  return oktaError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', {
    Date: new Date(now).toUTCString(),
    'X-Rate-Limit-Limit': '600',
    'X-Rate-Limit-Remaining': '0',
    'X-Rate-Limit-Reset': String(Math.floor(now / 1000) + inSeconds),
    ...extra,
  });
}

/** A real `node:http` server on 127.0.0.1 that misbehaves per `METHOD /path` as scripted. */
export class FaultServer {
  readonly seen: SeenRequest[] = [];
  private readonly routes = new Map<string, Responder>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly server = http.createServer((req, res) => this.handle(req, res));
  private revokeDestination = () => {};
  private port = 0;

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.revokeDestination = allowTestOrg(this.server);
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  /** The org "domain" the connector is given; http is allowed for loopback only. */
  get origin(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Scripts the answers for a method and path (the path as sent, without the query string). */
  on(method: string, path: string, responder: Responder | Fault): this {
    this.routes.set(`${method} ${path}`, typeof responder === 'function' ? responder : () => responder);
    return this;
  }

  hits(method: string, path: string): number {
    return this.seen.filter((r) => r.method === method && r.path.split('?')[0] === path).length;
  }

  reset(): void {
    this.routes.clear();
    this.seen.length = 0;
  }

  async close(): Promise<void> {
    this.revokeDestination();
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }

  private later(ms: number, fn: () => void): NodeJS.Timeout {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, ms);
    this.timers.add(timer);
    return timer;
  }

  private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const seen: SeenRequest = { method: req.method ?? '', path: req.url ?? '', headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      this.seen.push(seen);
      const responder = this.routes.get(`${seen.method} ${seen.path.split('?')[0]}`);
      this.respond(responder ? responder(seen) : json(404, { errorCode: 'E0000007', errorSummary: `Not found: ${seen.path}`, errorCauses: [] }), seen, req, res);
    });
  }

  private respond(fault: Fault, seen: SeenRequest, req: http.IncomingMessage, res: http.ServerResponse): void {
    switch (fault.kind) {
      case 'json': {
        const body = fault.body === undefined ? '' : JSON.stringify(fault.body);
        res.writeHead(fault.status, { ...(body ? { 'Content-Type': 'application/json' } : {}), ...fault.headers });
        res.end(body);
        return;
      }
      case 'text':
        res.writeHead(fault.status, { 'Content-Type': fault.contentType, ...fault.headers });
        res.end(fault.body);
        return;
      case 'slowHeaders': {
        const timer = this.later(fault.delayMs, () => {
          if (!res.destroyed && !res.headersSent) this.respond(fault.then, seen, req, res);
        });
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'trickle': {
        const body = Buffer.from(fault.body);
        const size = Math.ceil(body.length / fault.chunks);
        res.writeHead(fault.status, { 'Content-Type': 'application/json', 'Content-Length': String(body.length) });
        let sent = 0;
        const tick = () => {
          if (res.destroyed) return;
          res.write(body.subarray(sent * size, (sent + 1) * size));
          if (++sent >= fault.chunks) res.end();
          else timer = this.later(fault.intervalMs, tick);
        };
        let timer = this.later(fault.intervalMs, tick);
        res.on('close', () => clearTimeout(timer));
        return;
      }
      case 'cutMidBody':
        res.writeHead(fault.status, { 'Content-Type': 'application/json', 'Content-Length': String(fault.declaredLength) });
        res.write(fault.partial, () => this.later(20, () => (fault.how === 'reset' ? req.socket.resetAndDestroy() : req.socket.end())));
        return;
      case 'resetBeforeHeaders':
        req.socket.resetAndDestroy();
        return;
      case 'big': {
        res.writeHead(fault.status, { 'Content-Type': 'application/json', 'Content-Length': String(fault.bytes) });
        this.streamBigObject(res, fault.bytes);
        return;
      }
      case 'echo': {
        const echoed: Record<string, string> = {};
        for (const [name, value] of Object.entries(seen.headers)) echoed[`x-echo-${name}`] = String(value);
        const body = JSON.stringify({ method: seen.method, path: seen.path, headers: seen.headers, body: seen.body });
        res.writeHead(200, { 'Content-Type': 'application/json', ...echoed });
        res.end(body);
        return;
      }
    }
  }

  /** `{"id":...,"pad":"aaaa..."}` of exactly `bytes` bytes, written as fast as the client reads it. */
  private streamBigObject(res: http.ServerResponse, bytes: number): void {
    const head = '{"id":"00ub0oNGTSWTBKOLGLNR","status":"ACTIVE","profile":{"login":"isaac.brock@example.com"},"pad":"';
    const tail = '"}';
    const chunkSize = 64 * 1024;
    const filler = Buffer.alloc(chunkSize, 'a');
    let left = bytes - head.length - tail.length;
    res.write(head);
    const pump = () => {
      while (left > 0 && !res.destroyed) {
        const n = Math.min(chunkSize, left);
        left -= n;
        if (!res.write(n === chunkSize ? filler : filler.subarray(0, n))) {
          res.once('drain', pump);
          return;
        }
      }
      if (!res.destroyed) res.end(tail);
    };
    pump();
  }
}
