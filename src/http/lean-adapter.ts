import http from 'node:http';
import https from 'node:https';
import { AxiosAdapter, AxiosError, AxiosHeaders, AxiosResponse, InternalAxiosRequestConfig } from 'axios';

/**
 * An axios adapter straight over `node:http(s)` with the configured keep-alive agent: what the connector uses
 * of axios' own http adapter (no redirects, no proxy, no decompression, text out) without its per-request
 * machinery (stream pipelines, follow-redirects, progress and proxy handling), which costs more CPU per call
 * than the request itself on loopback. Errors keep axios' shapes the transport reads: `ERR_CANCELED` on abort,
 * a `maxContentLength` message for an oversized answer, and the socket's own error (its `code`) otherwise.
 */
export const leanHttpAdapter: AxiosAdapter = (config: InternalAxiosRequestConfig) =>
  new Promise<AxiosResponse<string>>((resolve, reject) => {
    const url = new URL(config.url!);
    const secure = url.protocol === 'https:';
    const headers: Record<string, string> = {};
    // toJSON() leaves out the unset ones (null, undefined, false).
    for (const [name, value] of Object.entries(config.headers.toJSON())) headers[name] = String(value);
    const body = typeof config.data === 'string' ? config.data : undefined;
    if (body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(body));
    const signal = config.signal as AbortSignal | undefined;
    const cancelled = () => new AxiosError('canceled', AxiosError.ERR_CANCELED, config);
    if (signal?.aborted) {
      reject(cancelled());
      return;
    }
    const maxBytes = config.maxContentLength ?? -1;
    const request = (secure ? https : http).request({
      method: config.method, // node upper-cases it
      protocol: url.protocol,
      hostname: url.hostname.replace(/^\[|\]$/g, ''),
      port: url.port,
      path: `${url.pathname}${url.search}`,
      headers,
      agent: secure ? config.httpsAgent : config.httpAgent,
    });
    // A promise settles once, so a second failure (the socket error that follows our destroy) changes nothing.
    const fail = (error: unknown) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    };
    const onAbort = () => {
      fail(cancelled());
      request.destroy();
    };
    signal?.addEventListener('abort', onAbort);
    request.on('error', fail);
    request.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (maxBytes > -1 && size > maxBytes) {
          fail(new AxiosError(`maxContentLength size of ${maxBytes} exceeded`, AxiosError.ERR_BAD_RESPONSE, config));
          request.destroy();
          return;
        }
        chunks.push(chunk);
      });
      res.on('error', fail);
      res.on('aborted', () => fail(new AxiosError('stream has been aborted', AxiosError.ERR_BAD_RESPONSE, config)));
      res.on('end', () => {
        if (!res.complete) {
          fail(new AxiosError('stream has been aborted', AxiosError.ERR_BAD_RESPONSE, config));
          return;
        }
        signal?.removeEventListener('abort', onAbort);
        resolve({ data: Buffer.concat(chunks).toString('utf8'), status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: new AxiosHeaders(res.headers as Record<string, string>), config, request });
      });
    });
    request.end(body);
  });
