import path from 'node:path';
import fc from 'fast-check';
import { packageRoot } from '../../src/core/package-files';
import { JsonSchema, loadSharedSchemas } from '../../src/runtime/schema-store';

/**
 * JSON Schema → fast-check arbitrary, for the keywords the connector's input schemas use. Anything else
 * throws `Unsupported`, and the caller falls back to the operation's sample inputs.
 */
export class Unsupported extends Error {}

/** Keywords that carry no constraint (annotations, UI hints). */
const ANNOTATIONS = new Set(['$schema', '$id', 'title', 'description', 'default', 'examples', 'lookup', 'advanced', 'enum_labels', 'definitions', '$comment']);
const HANDLED = new Set(['type', 'properties', 'required', 'additionalProperties', 'minProperties', 'maxProperties', 'items', 'minItems', 'maxItems', 'uniqueItems',
  'minLength', 'maxLength', 'pattern', 'format', 'enum', 'const', 'minimum', 'maximum', 'allOf', '$ref']);
/** Formats with no validation meaning (UI hints) and the ones generated here. */
const FREE_FORMATS = new Set(['password', 'code', 'text', 'datetime']);

/** Schemas by `$id` (the shared ones in schemas/ plus any added), and `$ref` resolution against a base `$id`. */
export class SchemaStore {
  private readonly byId = new Map<string, JsonSchema>();

  constructor() {
    for (const schema of loadSharedSchemas(packageRoot())) this.add(schema);
  }

  add(schema: JsonSchema): void {
    this.byId.set(String(schema.$id), schema);
  }

  /** Returns the target schema and the `$id` its own refs resolve against. */
  resolve(ref: string, base: string): { schema: JsonSchema; base: string } {
    const [file, pointer = ''] = ref.split('#');
    const id = file ? path.posix.normalize(path.posix.join(path.posix.dirname(base), file)) : base;
    let node: unknown = this.byId.get(id);
    if (!node) throw new Unsupported(`unknown $ref ${ref} from ${base}`);
    for (const part of pointer.split('/').filter(Boolean)) node = (node as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
    if (!node || typeof node !== 'object') throw new Unsupported(`dangling $ref ${ref}`);
    return { schema: node as JsonSchema, base: id };
  }

  /**
   * The schema with its `$ref` followed and its `allOf` folded in: properties and required merged, other
   * constraints taken from whichever part states them. Conflicting constraints are not reconciled.
   */
  flatten(schema: JsonSchema, base: string): { schema: JsonSchema; base: string } {
    if (typeof schema.$ref === 'string') {
      const target = this.resolve(schema.$ref, base);
      return this.flatten(target.schema, target.base);
    }
    if (!Array.isArray(schema.allOf)) return { schema, base };
    const merged: JsonSchema = { ...schema };
    delete merged.allOf;
    const properties: Record<string, { schema: JsonSchema; base: string }> = {};
    const own = (schema.properties ?? {}) as Record<string, JsonSchema>;
    for (const [k, v] of Object.entries(own)) properties[k] = { schema: v, base };
    const required = new Set<string>((schema.required as string[] | undefined) ?? []);
    for (const part of schema.allOf as JsonSchema[]) {
      const flat = this.flatten(part, base);
      for (const [k, v] of Object.entries(flat.schema)) {
        if (k === 'properties') {
          for (const [name, sub] of Object.entries(v as Record<string, JsonSchema>)) properties[name] ??= { schema: sub, base: flat.base };
        } else if (k === 'required') {
          for (const name of v as string[]) required.add(name);
        } else if (!ANNOTATIONS.has(k) && !(k in merged)) {
          merged[k] = v;
        }
      }
    }
    // Properties from another document keep their own base in `x-base` so their refs still resolve.
    merged.properties = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k, v.base === base ? v.schema : { ...v.schema, 'x-base': v.base }]));
    if (required.size) merged.required = [...required];
    return { schema: merged, base };
  }
}

const typesOf = (schema: JsonSchema): string[] | undefined =>
  schema.type === undefined ? undefined : Array.isArray(schema.type) ? (schema.type as string[]) : [schema.type as string];

function checkKeywords(schema: JsonSchema): void {
  for (const key of Object.keys(schema)) {
    if (!ANNOTATIONS.has(key) && !HANDLED.has(key) && key !== 'x-base') throw new Unsupported(`keyword ${key}`);
  }
}

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = (schema.minLength as number | undefined) ?? 0;
  const maxLength = Math.min((schema.maxLength as number | undefined) ?? 40, Math.max(minLength, 40));
  const fits = (s: string) => [...s].length >= minLength && [...s].length <= ((schema.maxLength as number | undefined) ?? Infinity);
  if (typeof schema.pattern === 'string') return fc.stringMatching(new RegExp(schema.pattern)).filter(fits);
  switch (schema.format) {
    case undefined:
      break;
    case 'date-time':
      return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true }).map((d) => d.toISOString());
    case 'date':
      return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    case 'email':
      return fc.emailAddress().filter(fits);
    case 'uri':
      return fc.webUrl().filter(fits);
    default:
      if (!FREE_FORMATS.has(schema.format as string)) throw new Unsupported(`format ${String(schema.format)}`);
  }
  // ASCII, full Unicode (graphemes) and raw UTF-16 code units (lone surrogates included): all valid JSON strings.
  const unit = fc.constantFrom<'grapheme-ascii' | 'grapheme' | 'binary'>('grapheme-ascii', 'grapheme', 'binary');
  return unit.chain((u) => fc.string({ unit: u, minLength, maxLength })).filter(fits);
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum as number | undefined;
  const max = schema.maximum as number | undefined;
  const lo = min ?? (max !== undefined ? max - 100_000 : -100_000);
  const hi = max ?? lo + 100_000;
  return integer ? fc.integer({ min: Math.ceil(lo), max: Math.floor(hi) }) : fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true });
}

function objectArbitrary(store: SchemaStore, schema: JsonSchema, base: string): fc.Arbitrary<Record<string, unknown>> {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = (schema.required as string[] | undefined) ?? [];
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, sub] of Object.entries(properties)) model[name] = arbitraryFor(store, sub, base);
  // Half the time all optional fields are drawn (each present or not), half the time at most two of them:
  // inputs with few fields pass handlers' cross-field checks more often, so more of them reach the wire.
  const requiredKeys = required.filter((r) => r in model);
  const optional = Object.keys(model).filter((k) => !requiredKeys.includes(k));
  const sparse = fc.shuffledSubarray(optional, { maxLength: Math.min(2, optional.length) }).chain((keys) =>
    fc.record(Object.fromEntries([...requiredKeys, ...keys].map((k) => [k, model[k]]))) as fc.Arbitrary<Record<string, unknown>>);
  let arb: fc.Arbitrary<Record<string, unknown>> = fc.oneof(fc.record(model, { requiredKeys }), sparse);
  const extra = schema.additionalProperties;
  if (extra && typeof extra === 'object') {
    const values = arbitraryFor(store, extra as JsonSchema, base);
    const key = fc.string({ minLength: 1, maxLength: 12 }).filter((k) => !(k in properties) && k !== '__proto__');
    arb = fc.tuple(arb, fc.dictionary(key, values, { maxKeys: 4 })).map(([known, more]) => ({ ...more, ...known }));
  } else if (extra === undefined && Object.keys(properties).length === 0) {
    arb = fc.dictionary(fc.string({ minLength: 1, maxLength: 12 }).filter((k) => k !== '__proto__'), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 });
  }
  for (const name of required) if (!(name in model)) throw new Unsupported(`required ${name} has no schema`);
  const minProperties = (schema.minProperties as number | undefined) ?? 0;
  const maxProperties = (schema.maxProperties as number | undefined) ?? Infinity;
  return arb.filter((o) => Object.keys(o).length >= minProperties && Object.keys(o).length <= maxProperties);
}

/** An arbitrary for values valid against `schema` (whose refs resolve against the `$id` `base`). */
export function arbitraryFor(store: SchemaStore, input: JsonSchema, base: string): fc.Arbitrary<unknown> {
  const flat = store.flatten(input, (input['x-base'] as string | undefined) ?? base);
  const schema = flat.schema;
  checkKeywords(schema);
  if ('const' in schema) return fc.constant(schema.const);
  if (Array.isArray(schema.enum)) return fc.constantFrom(...(schema.enum as unknown[]));
  const types = typesOf(schema) ?? (schema.properties ? ['object'] : undefined);
  if (!types) return fc.jsonValue({ maxDepth: 2 });
  const one = (type: string): fc.Arbitrary<unknown> => {
    switch (type) {
      case 'string':
        return stringArbitrary(schema);
      case 'integer':
        return numberArbitrary(schema, true);
      case 'number':
        return numberArbitrary(schema, false);
      case 'boolean':
        return fc.boolean();
      case 'null':
        return fc.constant(null);
      case 'object':
        return objectArbitrary(store, schema, flat.base);
      case 'array': {
        const items = schema.items ? arbitraryFor(store, schema.items as JsonSchema, flat.base) : fc.jsonValue({ maxDepth: 1 });
        const constraints = { minLength: (schema.minItems as number | undefined) ?? 0, maxLength: Math.min((schema.maxItems as number | undefined) ?? 5, 5) };
        return schema.uniqueItems ? fc.uniqueArray(items, { ...constraints, selector: (v) => JSON.stringify(v) }) : fc.array(items, constraints);
      }
      default:
        throw new Unsupported(`type ${type}`);
    }
  };
  return types.length === 1 ? one(types[0]) : fc.oneof(...types.map(one));
}

/** A way to make a valid input invalid, at one place in it. */
export interface Mutation {
  kind: 'unknown field' | 'missing required' | 'wrong type' | 'out of range';
  at: string;
  apply(input: unknown): unknown;
}

function wrongTypeValue(types: string[]): unknown {
  const allowed = new Set(types);
  if (allowed.has('number')) allowed.add('integer');
  const candidates: unknown[] = [{ an: 'object' }, ['an', 'array'], 'a string', 42, true, null];
  const typeOf = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? 'integer' : typeof v);
  return candidates.find((v) => !allowed.has(typeOf(v)) && !(typeOf(v) === 'integer' && allowed.has('number')));
}

function setAt(root: unknown, at: string[], value: unknown | typeof REMOVE): unknown {
  const copy = structuredClone(root) as Record<string, unknown>;
  let node = copy;
  for (const key of at.slice(0, -1)) node = node[key] as Record<string, unknown>;
  const last = at[at.length - 1];
  if (value === REMOVE) delete node[last];
  else node[last] = value;
  return copy;
}
const REMOVE = Symbol('remove');

/** The schema with its `$ref`s and `allOf`s merged, or null when it cannot be flattened (then it is not fuzzed). */
function flattenOrNull(store: SchemaStore, input: JsonSchema, base: string): { schema: JsonSchema; base: string } | null {
  try {
    return store.flatten(input, (input['x-base'] as string | undefined) ?? base);
  } catch {
    return null;
  }
}

/**
 * Every mutation of `value` (valid against `schema`) that breaks one constraint: an unknown field where
 * additionalProperties is false, a missing required field, a wrong type, a value out of range (minimum,
 * maximum, minLength, maxLength, enum, pattern, format).
 */
export function mutationsOf(store: SchemaStore, input: JsonSchema, base: string, value: unknown, at: string[] = []): Mutation[] {
  const flat = flattenOrNull(store, input, base);
  if (!flat) return [];
  const schema = flat.schema;
  const where = at.join('.') || '(input)';
  const out: Mutation[] = [];
  const types = typesOf(schema) ?? (schema.properties ? ['object'] : undefined);
  if (at.length > 0 && types) {
    const wrong = wrongTypeValue(types);
    if (wrong !== undefined) out.push({ kind: 'wrong type', at: where, apply: (v) => setAt(v, at, wrong) });
  }
  const range = (bad: unknown) => out.push({ kind: 'out of range', at: where, apply: (v) => setAt(v, at, bad) });
  if (at.length > 0) {
    if (typeof schema.minimum === 'number') range(schema.minimum - 1);
    if (typeof schema.maximum === 'number') range(schema.maximum + 1);
    if (typeof schema.minLength === 'number' && schema.minLength > 0) range('');
    if (typeof schema.maxLength === 'number') range('x'.repeat(schema.maxLength + 1));
    if (Array.isArray(schema.enum)) range('NOT_ONE_OF_THE_ENUM_VALUES');
    if (typeof schema.pattern === 'string') range('does not match the pattern !');
    if (schema.format === 'date-time') range('13/45/2024 25:61');
  }
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
    if (schema.additionalProperties === false) {
      out.push({ kind: 'unknown field', at: where, apply: (v) => setAt(v, [...at, 'no_such_field'], 'x') });
    }
    for (const name of (schema.required as string[] | undefined) ?? []) {
      if (name in (value as object)) out.push({ kind: 'missing required', at: [...at, name].join('.'), apply: (v) => setAt(v, [...at, name], REMOVE) });
    }
    for (const [name, sub] of Object.entries(value as Record<string, unknown>)) {
      const subSchema = properties[name] ?? (typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as JsonSchema) : undefined);
      if (subSchema) out.push(...mutationsOf(store, subSchema, flat.base, sub, [...at, name]));
    }
  }
  return out;
}

/** Paths of every string (not enum) in `value` that its schema lets a caller type freely. */
export function stringSites(store: SchemaStore, input: JsonSchema, base: string, value: unknown, at: string[] = []): string[][] {
  const flat = flattenOrNull(store, input, base);
  if (!flat) return [];
  const schema = flat.schema;
  if (typeof value === 'string') return Array.isArray(schema.enum) || !(typesOf(schema) ?? ['string']).includes('string') ? [] : [at];
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  return Object.entries(value as Record<string, unknown>).flatMap(([name, sub]) => {
    const subSchema = properties[name] ?? (typeof schema.additionalProperties === 'object' ? (schema.additionalProperties as JsonSchema) : undefined);
    return subSchema ? stringSites(store, subSchema, flat.base, sub, [...at, name]) : [];
  });
}

export const setValueAt = (root: unknown, at: string[], value: unknown): unknown => setAt(root, at, value);
export const removeAt = (root: unknown, at: string[]): unknown => setAt(root, at, REMOVE);
