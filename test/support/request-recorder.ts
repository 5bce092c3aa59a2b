import nock from 'nock';
import { LoadedOperation } from '../../src/runtime/registry';

export interface RecordedRequest {
  method: string;
  /** Path as sent on the wire, without the query string. */
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

export interface Shape {
  method: string;
  segments: number;
  queryKeys: string;
}

export const shapeOf = (r: RecordedRequest): Shape => ({
  method: r.method,
  segments: r.path.split('/').length,
  queryKeys: [...new Set(r.query.keys())].sort().join('&'),
});

export const sameShape = (a: Shape, b: Shape): boolean => a.method === b.method && a.segments === b.segments && a.queryKeys === b.queryKeys;

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'] as const;

type Canned = { status: number; headers: Record<string, string>; body: string };

/**
 * Answers requests for one operation with the responses of its own success samples (the exchange with the
 * same method and path length whose path segments match best), so composite handlers walk their real
 * paths. Link and rate-limit headers are dropped: every answer is one final page with no rate pressure.
 */
export class SampleResponder {
  private readonly exchanges: Array<{ method: string; segments: string[]; reply: Canned }> = [];

  constructor(op: LoadedOperation) {
    for (const sample of Object.values(op.samples())) {
      if (sample.error) continue;
      for (const { request, response } of sample.exchanges) {
        if (response.status >= 400) continue;
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(response.headers ?? {})) {
          if (!/^(link|x-rate-limit-|date$|retry-after$)/i.test(k)) headers[k] = v;
        }
        const hasBody = response.body !== undefined && response.body !== null;
        if (hasBody) headers['Content-Type'] = 'application/json';
        const body = !hasBody ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
        this.exchanges.push({ method: request.method, segments: request.path.split('?')[0].split('/'), reply: { status: response.status, headers, body } });
      }
    }
  }

  answer(method: string, path: string): Canned {
    const segments = path.split('/');
    let best: Canned | undefined;
    let bestScore = -1;
    for (const e of this.exchanges) {
      if (e.method !== method || e.segments.length !== segments.length) continue;
      const score = e.segments.filter((s, i) => s === segments[i]).length;
      if (score > bestScore) {
        best = e.reply;
        bestScore = score;
      }
    }
    if (best) return best;
    if (method === 'DELETE') return { status: 204, headers: {}, body: '' };
    return { status: 200, headers: { 'Content-Type': 'application/json' }, body: '{}' };
  }
}

/**
 * Intercepts every request to `org` (any method, any path) and records it; requests to any other host are
 * recorded as `strays` (nock refuses them: net connect is disabled by the caller).
 */
export class RequestRecorder {
  readonly requests: RecordedRequest[] = [];
  readonly strays: string[] = [];
  responder?: SampleResponder;
  private readonly onStray = (req: { method?: string; host?: string; hostname?: string; path?: string; href?: string }) => {
    this.strays.push(`${req.method} ${req.href ?? `${req.hostname ?? req.host}${req.path}`}`);
  };

  constructor(private readonly org: string) {}

  start(): void {
    for (const method of METHODS) {
      const scope = nock(this.org).persist();
      // The 'request' event carries the body exactly as sent (the reply function only sees it JSON-parsed).
      scope.on('request', (req: { method: string; path: string; headers: RecordedRequest['headers'] }, _interceptor: unknown, body: string) => {
        const url = new URL(req.path, this.org);
        this.requests.push({ method: req.method, path: url.pathname, query: url.searchParams, headers: req.headers, body });
      });
      scope.intercept(() => true, method).reply((uri) => {
        const canned = this.responder?.answer(method, new URL(uri, this.org).pathname) ?? { status: 200, headers: {}, body: '{}' };
        return [canned.status, canned.body, canned.headers];
      });
    }
    nock.emitter.on('no match', this.onStray);
  }

  clear(): void {
    this.requests.length = 0;
    this.strays.length = 0;
  }

  stop(): void {
    nock.emitter.removeListener('no match', this.onStray);
    nock.cleanAll();
  }
}
