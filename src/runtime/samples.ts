/**
 * Sample files, as written, and the samples every reader sees (harness, contract test, docs, CLI, service).
 * docs/SAMPLES.md describes the format. A written sample may leave out the empty parts of an exchange
 * (`query`, `headers`, `body`), refer to a shared fixture body and override it field by field
 * (`{"$fixture": "user/isaac-brock", "status": "SUSPENDED"}`), and say that the output is the last
 * response body (`"output": {"$lastResponseBody": true}`). `expandSample` turns it into the full sample.
 */
import fs from 'node:fs';
import path from 'node:path';
import { readJson } from '../core/package-files';

export interface SampleRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  body: unknown;
}

export interface SampleResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

export interface SampleExchange {
  request: SampleRequest;
  response: SampleResponse;
}

/** A sample as every reader sees it: nothing left out, no fixture references. */
export interface Sample {
  description: string;
  input: unknown;
  exchanges: SampleExchange[];
  output?: unknown;
  error?: Record<string, unknown>;
}

export const FIXTURE = '$fixture';
export const OMIT = '$omit';
export const LAST_RESPONSE_BODY = '$lastResponseBody';

/** Fixture bodies by name (`user/isaac-brock` is `schemas/fixtures/user/isaac-brock.json`). */
export type Fixtures = ReadonlyMap<string, unknown>;

export const fixturesDir = (root: string) => path.join(root, 'schemas', 'fixtures');

export function loadFixtures(root: string): Fixtures {
  const dir = fixturesDir(root);
  const fixtures = new Map<string, unknown>();
  if (!fs.existsSync(dir)) return fixtures;
  for (const file of fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort()) {
    if (file.endsWith('.json')) fixtures.set(file.replace(/\.json$/, '').split(path.sep).join('/'), readJson(path.join(dir, file)));
  }
  return fixtures;
}

export class SampleFormatError extends Error {}

const isPlainObject = (value: unknown): value is Record<string, unknown> => !!value && typeof value === 'object' && !Array.isArray(value);

const SAMPLE_KEYS = ['description', 'input', 'exchanges', 'output', 'error'];
const REQUEST_KEYS = ['method', 'path', 'query', 'headers', 'body'];
const RESPONSE_KEYS = ['status', 'headers', 'body'];

function checkKeys(value: unknown, allowed: string[], where: string): Record<string, unknown> {
  if (!isPlainObject(value)) throw new SampleFormatError(`${where} must be an object`);
  const unknown = Object.keys(value).filter((key) => !allowed.includes(key));
  if (unknown.length) throw new SampleFormatError(`${where} has unknown ${unknown.map((k) => `"${k}"`).join(', ')} (allowed: ${allowed.join(', ')})`);
  return value;
}

class Expander {
  private readonly resolving: string[] = [];

  constructor(private readonly fixtures: Fixtures) {}

  /** A value with every `$fixture` reference replaced by the fixture, overrides applied. */
  expand(value: unknown, where: string): unknown {
    if (Array.isArray(value)) return value.map((item, i) => this.expand(item, `${where}[${i}]`));
    if (!isPlainObject(value)) return value;
    if (FIXTURE in value) {
      const { [FIXTURE]: name, ...overrides } = value;
      return this.override(this.fixture(name, where), overrides, where);
    }
    if (OMIT in value) throw new SampleFormatError(`${where}: "${OMIT}" only removes fields of a fixture (or of a field it overrides)`);
    if (LAST_RESPONSE_BODY in value) throw new SampleFormatError(`${where}: "${LAST_RESPONSE_BODY}" may only stand for a sample's whole output`);
    return Object.fromEntries(Object.entries(value).map(([key, child]) => [key, this.expand(child, `${where}.${key}`)]));
  }

  private fixture(name: unknown, where: string): Record<string, unknown> {
    if (typeof name !== 'string' || !this.fixtures.has(name)) {
      throw new SampleFormatError(`${where}: no fixture ${JSON.stringify(name)} in schemas/fixtures/`);
    }
    if (this.resolving.includes(name)) throw new SampleFormatError(`${where}: fixture "${name}" refers to itself (${[...this.resolving, name].join(' → ')})`);
    this.resolving.push(name);
    try {
      const body = this.expand(this.fixtures.get(name), `fixture ${name}`);
      if (!isPlainObject(body)) throw new SampleFormatError(`${where}: fixture "${name}" is not an object, so it cannot be overridden`);
      return body;
    } finally {
      this.resolving.pop();
    }
  }

  /**
   * The base with the overrides applied: `$omit` drops fields, an object overriding an object is applied to
   * it the same way, any other value replaces the field. Fields keep the base's order; new ones come last.
   */
  private override(base: Record<string, unknown>, overrides: Record<string, unknown>, where: string): Record<string, unknown> {
    const { [OMIT]: omit = [], ...fields } = overrides;
    if (!Array.isArray(omit) || omit.some((key) => typeof key !== 'string' || !(key in base))) {
      throw new SampleFormatError(`${where}: "${OMIT}" must list fields the overridden object has (it has ${Object.keys(base).join(', ')})`);
    }
    const result: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(base)) {
      if (omit.includes(key)) continue;
      result[key] = key in fields ? this.overrideField(value, fields[key], `${where}.${key}`) : value;
    }
    for (const [key, value] of Object.entries(fields)) if (!(key in base)) result[key] = this.expand(value, `${where}.${key}`);
    return result;
  }

  private overrideField(base: unknown, override: unknown, where: string): unknown {
    if (isPlainObject(base) && isPlainObject(override) && !(FIXTURE in override)) return this.override(base, override, where);
    return this.expand(override, where);
  }
}

function expandExchange(expander: Expander, written: unknown, where: string): SampleExchange {
  const { request, response } = checkKeys(written, ['request', 'response'], where);
  const req = checkKeys(request, REQUEST_KEYS, `${where}.request`);
  const res = checkKeys(response, RESPONSE_KEYS, `${where}.response`);
  return {
    request: {
      method: req.method as string,
      path: req.path as string,
      query: (req.query ?? {}) as SampleRequest['query'],
      headers: (req.headers ?? {}) as SampleRequest['headers'],
      body: expander.expand(req.body ?? null, `${where}.request.body`),
    },
    response: {
      status: res.status as number,
      headers: (res.headers ?? {}) as SampleResponse['headers'],
      body: expander.expand(res.body ?? null, `${where}.response.body`),
    },
  };
}

/** The full sample a written one stands for. `where` names it in errors (e.g. its file). */
export function expandSample(written: unknown, fixtures: Fixtures, where = 'sample'): Sample {
  const sample = checkKeys(written, SAMPLE_KEYS, where);
  const expander = new Expander(fixtures);
  const exchanges = ((sample.exchanges ?? []) as unknown[]).map((exchange, i) => expandExchange(expander, exchange, `${where}.exchanges[${i}]`));
  const expanded: Sample = { description: sample.description as string, input: expander.expand(sample.input, `${where}.input`), exchanges };
  if (sample.output !== undefined) expanded.output = expandOutput(expander, sample.output, exchanges, `${where}.output`);
  if (sample.error !== undefined) expanded.error = expander.expand(sample.error, `${where}.error`) as Record<string, unknown>;
  return expanded;
}

function expandOutput(expander: Expander, output: unknown, exchanges: SampleExchange[], where: string): unknown {
  if (!isPlainObject(output) || !(LAST_RESPONSE_BODY in output)) return expander.expand(output, where);
  if (output[LAST_RESPONSE_BODY] !== true || Object.keys(output).length !== 1) {
    throw new SampleFormatError(`${where}: write {"${LAST_RESPONSE_BODY}": true} alone, or the output itself`);
  }
  const last = exchanges.at(-1);
  if (!last || last.response.body === null) throw new SampleFormatError(`${where}: "${LAST_RESPONSE_BODY}", but the last exchange has no response body`);
  return structuredClone(last.response.body);
}

/** Every sample of an operation (its `samples/*.json`), expanded, by scenario name. */
export function loadSamples(operationDir: string, fixtures: Fixtures): Record<string, Sample> {
  const dir = path.join(operationDir, 'samples');
  if (!fs.existsSync(dir)) return {};
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.json')).sort();
  return Object.fromEntries(
    files.map((file) => {
      const where = path.join(path.basename(operationDir), 'samples', file);
      return [file.replace(/\.json$/, ''), expandSample(readJson(path.join(dir, file)), fixtures, where)];
    }),
  );
}
