import mergeAllOf from 'json-schema-merge-allof';
import { Schema } from './schema-documents';

/**
 * Keywords the connector adds for platforms. json-schema-merge-allof refuses keywords it has no resolver for,
 * so each gets one: the first definition wins (an operation's own value is listed before the shared one it wraps).
 */
const UI_KEYWORDS = ['lookup', 'advanced', 'enum_labels', 'examples', 'dynamic'];
const firstWins = (values: unknown[]) => values[0];
const resolvers = Object.fromEntries(UI_KEYWORDS.map((k) => [k, firstWins]));

/** A node's own keywords first, then its allOf members: mergeAllOf keeps the first title/description it meets. */
function ownFirst(node: Schema): Schema {
  if (!Array.isArray(node.allOf)) return node;
  const { allOf, ...own } = node;
  return { allOf: [own, ...(allOf as Schema[])] };
}

function merged(node: Schema): Schema {
  if (!Array.isArray(node.allOf)) return node;
  try {
    return mergeAllOf(ownFirst(node) as never, { resolvers: resolvers as never, ignoreAdditionalProperties: true }) as Schema;
  } catch {
    return node; // members that contradict each other: the allOf stays, a renderer must show it as is
  }
}

const JSON_TYPES = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

function typeOfValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** The type a schema without `type` implies: from its const/enum values, its branches, or its keywords. */
export function impliedType(node: Schema): string | string[] | undefined {
  if (node.type !== undefined) return node.type as string | string[];
  const fromValues = (values: unknown[]) => [...new Set(values.map(typeOfValue))];
  let types: string[] = [];
  if ('const' in node) types = fromValues([node.const]);
  else if (Array.isArray(node.enum)) types = fromValues(node.enum);
  else {
    const branches = [node.anyOf, node.oneOf].find(Array.isArray) as Schema[] | undefined;
    if (branches) {
      const branchTypes = branches.map(impliedType);
      if (branchTypes.some((t) => t === undefined)) return undefined;
      types = [...new Set(branchTypes.flat() as string[])];
    } else if (node.properties || node.additionalProperties !== undefined || node.required) types = ['object'];
    else if (node.items) types = ['array'];
  }
  // integer is a kind of number: a mix of both is a number
  if (types.includes('integer') && types.includes('number')) types = types.filter((t) => t !== 'integer');
  types = types.filter((t) => JSON_TYPES.includes(t));
  if (!types.length) return undefined;
  return types.length === 1 ? types[0] : types;
}

function withType(node: Schema): Schema {
  if (node.type !== undefined) return node;
  const type = impliedType(node);
  return type === undefined ? node : { ...node, type };
}

/**
 * The dereferenced schema as a form renderer wants it: every `allOf` merged into one plain schema where its
 * members agree, and every field given the `type` it implies. Validation is unchanged: merging an allOf
 * yields the intersection the allOf already meant.
 */
export function rendererFriendly(schema: Schema): Schema {
  return mapSubschemas(schema, (node) => withType(merged(node)));
}

const SCHEMA_MAPS = ['properties', 'patternProperties', 'definitions'];
const SCHEMA_LISTS = ['allOf', 'anyOf', 'oneOf'];
const SCHEMA_ONES = ['items', 'additionalProperties', 'additionalItems', 'not', 'if', 'then', 'else', 'contains', 'propertyNames'];

/**
 * Deep-maps the subschemas of a schema, children first. Only schema positions are visited: `enum`, `const`,
 * `default` or a property that happens to be called `type` are data and stay as they are.
 */
export function mapSubschemas(node: Schema, visit: (node: Schema) => Schema): Schema {
  const isSchema = (value: unknown): value is Schema => !!value && typeof value === 'object' && !Array.isArray(value);
  const map = (value: unknown) => (isSchema(value) ? mapSubschemas(value, visit) : value);
  const copy: Schema = { ...node };
  for (const key of SCHEMA_MAPS) {
    if (isSchema(node[key])) copy[key] = Object.fromEntries(Object.entries(node[key] as Schema).map(([name, child]) => [name, map(child)]));
  }
  for (const key of SCHEMA_LISTS) if (Array.isArray(node[key])) copy[key] = (node[key] as unknown[]).map(map);
  for (const key of SCHEMA_ONES) {
    if (key === 'items' && Array.isArray(node.items)) copy.items = node.items.map(map);
    else if (isSchema(node[key])) copy[key] = map(node[key]);
  }
  return visit(copy);
}
