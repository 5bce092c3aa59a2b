import nock from 'nock';
import { Sample } from '../../src/runtime/registry';
import { SAMPLE_ORG, SAMPLE_TOKEN } from '../../scripts/samples/sample-org';

export { SAMPLE_AUTH, SAMPLE_ORG, SAMPLE_TOKEN } from '../../scripts/samples/sample-org';

const BODYLESS_WRITE = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Registers every exchange of an expanded sample (the registry's `samples()`) with nock, in order. A request only matches when its method, path,
 * query, body and auth header are exactly the recorded ones; bodyless writes must send Content-Length: 0.
 */
export function replayExchanges(sample: Sample, org = SAMPLE_ORG): nock.Scope[] {
  return sample.exchanges.map(({ request, response }) => {
    const hasBody = request.body !== undefined && request.body !== null;
    const reqheaders: Record<string, string> = { authorization: `SSWS ${SAMPLE_TOKEN}`, accept: 'application/json' };
    if (!hasBody && BODYLESS_WRITE.has(request.method)) reqheaders['content-length'] = '0';
    for (const [k, v] of Object.entries(request.headers ?? {})) reqheaders[k.toLowerCase()] = v;
    let interceptor = nock(org, { reqheaders }).intercept(request.path, request.method, hasBody ? (request.body as nock.RequestBodyMatcher) : undefined);
    if (request.query && Object.keys(request.query).length > 0) interceptor = interceptor.query(request.query);
    const headers = { ...(response.body !== undefined && response.body !== null ? { 'Content-Type': 'application/json' } : {}), ...response.headers };
    const body = response.body === undefined || response.body === null ? '' : typeof response.body === 'string' ? response.body : JSON.stringify(response.body);
    return interceptor.reply(response.status, body, headers);
  });
}
