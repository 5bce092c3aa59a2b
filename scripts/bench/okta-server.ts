/**
 * The benchmark's Okta stand-in: GET /api/v1/users/{id} and GET /api/v1/users (10,000 users, Link paging),
 * with Okta's rate-limit headers (a budget that never runs out) so the connector's governor does its usual work.
 * Bodies are serialised once, so the server costs the same for every contender.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

export const USERS = 10_000;
export const MAX_PAGE = 200;
export const BENCH_TOKEN = 'bench-token-00000000000000000000';

export const userId = (i: number) => `00u${String(i).padStart(17, '0')}`;

/** A user shaped like Okta's (GET /api/v1/users/{id} example): about 1.2 kB of JSON. */
export function userAt(i: number, origin: string) {
  const id = userId(i);
  return {
    id,
    status: 'ACTIVE',
    created: '2013-06-24T16:39:18.000Z',
    activated: '2013-06-24T16:39:19.000Z',
    statusChanged: '2013-06-24T16:39:19.000Z',
    lastLogin: '2013-06-24T17:39:19.000Z',
    lastUpdated: '2013-06-27T16:35:28.000Z',
    passwordChanged: '2013-06-24T16:39:19.000Z',
    type: { id: 'otyfnjfba4ye7pgjB0g4' },
    profile: {
      firstName: 'Bench',
      lastName: `User ${i}`,
      mobilePhone: '555-415-1337',
      secondEmail: null,
      login: `user${i}@example.com`,
      email: `user${i}@example.com`,
    },
    credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
    _links: {
      self: { href: `${origin}/api/v1/users/${id}` },
      resetPassword: { href: `${origin}/api/v1/users/${id}/lifecycle/reset_password`, method: 'POST' },
      suspend: { href: `${origin}/api/v1/users/${id}/lifecycle/suspend`, method: 'POST' },
      deactivate: { href: `${origin}/api/v1/users/${id}/lifecycle/deactivate`, method: 'POST' },
    },
  };
}

export interface BenchServer {
  origin: string;
  close(): Promise<void>;
}

export function startOktaServer(port = 0): Promise<BenchServer> {
  const users = new Map<string, string>();
  const pages = new Map<string, string>();
  let origin = '';
  const rateHeaders = () => ({
    'Content-Type': 'application/json',
    Date: new Date().toUTCString(),
    'X-Rate-Limit-Limit': '1000000',
    'X-Rate-Limit-Remaining': '999999',
    'X-Rate-Limit-Reset': String(Math.floor(Date.now() / 1000) + 60),
    'X-Okta-Request-Id': 'bench',
  });
  const send = (res: http.ServerResponse, status: number, body: string, extra: Record<string, string> = {}) => {
    res.writeHead(status, { ...rateHeaders(), ...extra, 'Content-Length': String(Buffer.byteLength(body)) });
    res.end(body);
  };
  const server = http.createServer((req, res) => {
    if (req.headers.authorization !== `SSWS ${BENCH_TOKEN}`) {
      send(res, 401, JSON.stringify({ errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorCauses: [] }));
      return;
    }
    const url = new URL(req.url ?? '/', origin);
    const match = /^\/api\/v1\/users\/([^/]+)$/.exec(url.pathname);
    if (req.method === 'GET' && match) {
      const index = Number(decodeURIComponent(match[1]).slice(3));
      if (!Number.isInteger(index) || index < 0 || index >= USERS) {
        send(res, 404, JSON.stringify({ errorCode: 'E0000007', errorSummary: `Not found: Resource not found: ${match[1]} (User)`, errorCauses: [] }));
        return;
      }
      let body = users.get(match[1]);
      if (!body) users.set(match[1], (body = JSON.stringify(userAt(index, origin))));
      send(res, 200, body);
      return;
    }
    if (req.method === 'GET' && url.pathname === '/api/v1/users') {
      const limit = Math.max(1, Math.min(MAX_PAGE, Number(url.searchParams.get('limit') ?? MAX_PAGE)));
      const after = Number(url.searchParams.get('after') ?? 0);
      const key = `${limit}/${after}`;
      let body = pages.get(key);
      if (!body) {
        const count = Math.max(0, Math.min(limit, USERS - after));
        pages.set(key, (body = JSON.stringify(Array.from({ length: count }, (_, i) => userAt(after + i, origin)))));
      }
      const links = [`<${origin}/api/v1/users?limit=${limit}${after ? `&after=${after}` : ''}>; rel="self"`];
      if (after + limit < USERS) links.push(`<${origin}/api/v1/users?limit=${limit}&after=${after + limit}>; rel="next"`);
      send(res, 200, body, { Link: links.join(', ') });
      return;
    }
    send(res, 404, JSON.stringify({ errorCode: 'E0000022', errorSummary: 'The endpoint does not support the provided HTTP method', errorCauses: [] }));
  });
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) =>
    server.listen(port, '127.0.0.1', () => {
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      resolve({
        origin,
        close: () => {
          server.closeAllConnections();
          return new Promise((done) => server.close(() => done()));
        },
      });
    }));
}
