/**
 * A loopback HTTP proxy that records every request and response passing through it, bytes as sent. The record
 * script puts it in front of the sandbox: the sandbox's own `onExchange` hook sees neither the answers it
 * refuses (404, 400, 401: thrown before the hook) nor headers (the `Link` of a page), and a sample needs both.
 */
import http from 'node:http';
import { AddressInfo } from 'node:net';

export interface WireExchange {
  method: string;
  /** Path and query string as sent. */
  url: string;
  requestHeaders: http.IncomingHttpHeaders;
  requestBody: string;
  status: number;
  responseHeaders: http.IncomingHttpHeaders;
  responseBody: string;
}

export interface WireRecorder {
  url: string;
  exchanges: WireExchange[];
  close(): Promise<void>;
}

/** Largest body recorded in either direction; a sample is a document to read, not a bulk export. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

function readAll(stream: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        stream.destroy(new Error(`a body over ${MAX_BODY_BYTES} bytes went through the recorder`));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Starts a recorder on loopback forwarding to `target` (e.g. the sandbox's URL). The Host header is kept. */
export async function startWireRecorder(target: string): Promise<WireRecorder> {
  const upstream = new URL(target);
  const exchanges: WireExchange[] = [];
  const server = http.createServer(async (req, res) => {
    try {
      const requestBody = await readAll(req);
      const answer = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const forward = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers }, resolve);
        forward.on('error', reject);
        forward.end(requestBody);
      });
      const responseBody = await readAll(answer);
      exchanges.push({
        method: req.method ?? 'GET',
        url: req.url ?? '/',
        requestHeaders: req.headers,
        requestBody: requestBody.toString('utf8'),
        status: answer.statusCode ?? 0,
        responseHeaders: answer.headers,
        responseBody: responseBody.toString('utf8'),
      });
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      res.end(responseBody);
    } catch (error) {
      res.writeHead(502, { 'Content-Type': 'text/plain' });
      res.end(`wire recorder: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exchanges,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
