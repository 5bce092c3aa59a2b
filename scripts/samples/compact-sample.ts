/**
 * The inverse of `expandSample` (src/runtime/samples.ts): writes a full sample short, leaving out the empty
 * parts, referring to the closest fixture where that is much shorter, and writing the output as
 * `$lastResponseBody` where it is that. The result always expands back to exactly the sample given.
 */
import { isDeepStrictEqual } from 'node:util';
import { expandSample, FIXTURE, Fixtures, LAST_RESPONSE_BODY, OMIT, Sample } from '../../src/runtime/samples';

type Json = Record<string, unknown>;

const isPlainObject = (value: unknown): value is Json => !!value && typeof value === 'object' && !Array.isArray(value);
const size = (value: unknown) => JSON.stringify(value).length;

/** A fixture reference is used only when it is at most this share of the body it replaces. */
const WORTH_IT = 0.6;

/**
 * The overrides that turn `base` into `target` (key order included), or undefined when no overrides can:
 * overrides keep the base's order and append new fields, so a target that reorders fields is not reachable.
 */
export function overridesFor(base: Json, target: Json): Json | undefined {
  const kept = Object.keys(base).filter((key) => key in target);
  const added = Object.keys(target).filter((key) => !(key in base));
  if (!isDeepStrictEqual(Object.keys(target), [...kept, ...added])) return undefined;
  const overrides: Json = {};
  const omit = Object.keys(base).filter((key) => !(key in target));
  if (omit.length) overrides[OMIT] = omit;
  for (const key of Object.keys(target)) {
    const [from, to] = [base[key], target[key]];
    if (!(key in base)) overrides[key] = to;
    else if (isDeepStrictEqual(from, to)) continue;
    else if (isPlainObject(from) && isPlainObject(to)) {
      const nested = overridesFor(from, to);
      if (!nested) return undefined;
      overrides[key] = nested;
    } else overrides[key] = to;
  }
  return overrides;
}

/** The value with each object that is close to a fixture written as a reference to it (outermost first). */
export function withFixtures(value: unknown, fixtures: Fixtures): unknown {
  if (Array.isArray(value)) return value.map((item) => withFixtures(item, fixtures));
  if (!isPlainObject(value)) return value;
  let best: Json | undefined;
  for (const [name, body] of fixtures) {
    if (!isPlainObject(body) || FIXTURE in body) continue;
    const overrides = overridesFor(body, value);
    if (!overrides) continue;
    const candidate = { [FIXTURE]: name, ...overrides };
    if (!best || size(candidate) < size(best)) best = candidate;
  }
  if (best && size(best) <= WORTH_IT * size(value)) return best;
  return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, withFixtures(child, fixtures)]));
}

const nonEmpty = (value: Json | undefined) => (value && Object.keys(value).length > 0 ? value : undefined);

/** The short written form of a full sample; throws if it would not expand back to the same sample. */
export function compactSample(sample: Sample, fixtures: Fixtures): Json {
  const written: Json = {
    description: sample.description,
    input: sample.input,
    exchanges: sample.exchanges.map(({ request, response }) => ({
      request: {
        method: request.method,
        path: request.path,
        query: nonEmpty(request.query),
        headers: nonEmpty(request.headers),
        body: request.body === null ? undefined : withFixtures(request.body, fixtures),
      },
      response: {
        status: response.status,
        headers: nonEmpty(response.headers),
        body: response.body === null ? undefined : withFixtures(response.body, fixtures),
      },
    })),
  };
  const last = sample.exchanges.at(-1)?.response.body;
  if (sample.output !== undefined) {
    written.output = last !== undefined && last !== null && isDeepStrictEqual(sample.output, last) ? { [LAST_RESPONSE_BODY]: true } : withFixtures(sample.output, fixtures);
  }
  if (sample.error !== undefined) written.error = sample.error;
  const clean = JSON.parse(JSON.stringify(written)) as Json;
  if (JSON.stringify(expandSample(clean, fixtures)) !== JSON.stringify(expandSample(sample, fixtures))) {
    throw new Error(`compacting "${sample.description}" changed it`);
  }
  return clean;
}
