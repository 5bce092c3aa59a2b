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

/**
 * Collects every request nock had no recorded exchange for, from now until `stop()`, as `METHOD path?query`.
 * The connector turns such a request into a network error (and may retry it); a test checks this list first,
 * so an unexpected extra request fails that test by name instead of surfacing as a vague api_error or, from a
 * socket without an error listener, as an unhandled `ERR_NOCK_NO_MATCH` that takes the jest worker down.
 */
export function watchUnmatched(): { unmatched: string[]; stop: () => void } {
  const unmatched: string[] = [];
  const listener = (req: { method?: string; path?: string }) => unmatched.push(`${req.method} ${req.path}`);
  nock.emitter.on('no match', listener);
  return { unmatched, stop: () => nock.emitter.removeListener('no match', listener) };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Paths to every string leaf of `value`, depth first. */
function stringLeaves(value: Json, at: Array<string | number> = []): Array<Array<string | number>> {
  if (typeof value === 'string') return [at];
  if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...at, i]));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...at, k]));
  return [];
}

function withLeaf(value: Json, at: Array<string | number>, leaf: string): Json {
  const copy = structuredClone(value);
  let node = copy as Record<string | number, Json>;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[at[at.length - 1]] = leaf;
  return copy;
}

/**
 * A success sample whose output is its last response body (`$lastResponseBody`) proves nothing by comparing
 * the two. This returns the sample with one string field of that body changed (the first one the output schema
 * still accepts changed), so a second replay can check the output follows the answer rather than the sample;
 * undefined when the output is not the last body (compared as JSON: jest's realm defeats `isDeepStrictEqual`).
 */
export function withLastBodyAltered(sample: Sample, acceptsOutput: (output: unknown) => boolean): { sample: Sample; field: string } | undefined {
  const last = sample.exchanges.at(-1);
  if (sample.error || !last || JSON.stringify(sample.output) !== JSON.stringify(last.response.body)) return undefined;
  const body = last.response.body as Json;
  for (const at of stringLeaves(body)) {
    const original = at.reduce<Json>((node, key) => (node as Record<string | number, Json>)[key], body) as string;
    const altered = withLeaf(body, at, `${original}-altered`);
    if (!acceptsOutput(structuredClone(altered))) continue;
    const exchanges = [...sample.exchanges.slice(0, -1), { ...last, response: { ...last.response, body: altered } }];
    return { sample: { ...sample, exchanges, output: altered }, field: at.join('.') };
  }
  return { sample, field: '' };
}
