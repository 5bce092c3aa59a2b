import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A server on 127.0.0.1 that counts every TCP connection it is offered and every request, and answers
 * like an Okta org (a user, with X-Okta-Request-Id) after `delayMs`. Where the destination policy must
 * refuse, `connections` stays 0: not a byte reached it.
 */
export class Recorder {
  connections = 0;
  readonly requests: Array<{ method: string; url: string; authorization?: string }> = [];
  delayMs = 0;
  private readonly server = http.createServer((req, res) => {
    this.requests.push({ method: req.method ?? '', url: req.url ?? '', authorization: req.headers.authorization });
    setTimeout(() => {
      res.writeHead(200, { 'Content-Type': 'application/json', 'X-Okta-Request-Id': 'reqRecorder1' });
      res.end(JSON.stringify({ id: '00ub0oNGTSWTBKOLGLNR', status: 'ACTIVE', profile: { login: 'someone@example.com' } }));
    }, this.delayMs);
  });

  constructor() {
    this.server.on('connection', () => this.connections++);
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise((resolve) => this.server.close(resolve));
  }
}
