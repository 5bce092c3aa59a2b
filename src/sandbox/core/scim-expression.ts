import { SandboxError } from './okta-error-bodies';

/**
 * Okta's SCIM-like `search` / `filter` expressions: `attr op "value"` with eq, ne, sw, co, ew, pr, gt, ge,
 * lt, le; `and`, `or`, `not`, parentheses. Attribute paths are dotted (`profile.firstName`, `type.id`,
 * `target.id`); names are case-sensitive, operators are not. String comparison is case-insensitive
 * (Okta's `search` semantics) unless `caseSensitive` is set (Okta's `filter`).
 */
export type Predicate = (item: Record<string, unknown>) => boolean;

type Token = { kind: 'word' | 'string' | 'open' | 'close'; text: string };

function tokenize(expr: string, fail: () => SandboxError): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < expr.length) {
    const c = expr[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')') {
      tokens.push({ kind: c === '(' ? 'open' : 'close', text: c });
      i++;
    } else if (c === '"') {
      let text = '';
      i++;
      while (i < expr.length && expr[i] !== '"') {
        if (expr[i] === '\\' && i + 1 < expr.length) i++;
        text += expr[i++];
      }
      if (expr[i] !== '"') throw fail();
      i++;
      tokens.push({ kind: 'string', text });
    } else {
      let text = '';
      while (i < expr.length && !/[\s()"]/.test(expr[i])) text += expr[i++];
      tokens.push({ kind: 'word', text });
    }
  }
  return tokens;
}

/** The value at a dotted path; through an array it collects each element's value (`target.id` of a log event). */
export function valueAt(item: Record<string, unknown>, path: string): unknown {
  const step = (node: unknown, key: string): unknown => {
    if (Array.isArray(node)) return node.flatMap((element) => step(element, key) ?? []);
    return node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  };
  return path.split('.').reduce<unknown>(step, item);
}

function literal(token: Token): unknown {
  if (token.kind === 'string') return token.text;
  if (token.text === 'true') return true;
  if (token.text === 'false') return false;
  if (token.text === 'null') return null;
  if (/^-?\d+(\.\d+)?$/.test(token.text)) return Number(token.text);
  return token.text;
}

function compare(actual: unknown, op: string, expected: unknown, caseSensitive: boolean): boolean {
  const values = Array.isArray(actual) ? actual : [actual];
  return values.some((value) => {
    if (op === 'pr') return value !== undefined && value !== null && value !== '';
    if (value === undefined || value === null) return op === 'ne';
    const norm = (v: unknown) => (typeof v === 'string' && !caseSensitive ? v.toLowerCase() : v);
    const a = norm(value);
    const b = norm(expected);
    switch (op) {
      case 'eq': return a === b;
      case 'ne': return a !== b;
      case 'sw': return String(a).startsWith(String(b));
      case 'ew': return String(a).endsWith(String(b));
      case 'co': return String(a).includes(String(b));
      case 'gt': return String(a) > String(b);
      case 'ge': return String(a) >= String(b);
      case 'lt': return String(a) < String(b);
      case 'le': return String(a) <= String(b);
      default: return false;
    }
  });
}

const OPERATORS = new Set(['eq', 'ne', 'sw', 'co', 'ew', 'pr', 'gt', 'ge', 'lt', 'le']);

export function compileExpression(expr: string, options: { caseSensitive?: boolean; error?: () => SandboxError } = {}): Predicate {
  const fail = options.error ?? (() => new SandboxError(400, 'E0000031', 'Invalid search criteria.'));
  const tokens = tokenize(expr, fail);
  let pos = 0;
  const peek = () => tokens[pos];
  const word = (t: Token | undefined, w: string) => t?.kind === 'word' && t.text.toLowerCase() === w;

  function primary(): Predicate {
    const token = tokens[pos++];
    if (!token) throw fail();
    if (token.kind === 'open') {
      const inner = or();
      if (tokens[pos++]?.kind !== 'close') throw fail();
      return inner;
    }
    if (word(token, 'not')) {
      const inner = primary();
      return (item) => !inner(item);
    }
    const op = tokens[pos++];
    if (token.kind !== 'word' || !op || op.kind !== 'word' || !OPERATORS.has(op.text.toLowerCase())) throw fail();
    const operator = op.text.toLowerCase();
    if (operator === 'pr') return (item) => compare(valueAt(item, token.text), 'pr', undefined, false);
    const value = tokens[pos++];
    if (!value || value.kind === 'open' || value.kind === 'close') throw fail();
    const expected = literal(value);
    return (item) => compare(valueAt(item, token.text), operator, expected, options.caseSensitive === true);
  }
  function and(): Predicate {
    let left = primary();
    while (word(peek(), 'and')) {
      pos++;
      const l = left;
      const r = primary();
      left = (item) => l(item) && r(item);
    }
    return left;
  }
  function or(): Predicate {
    let left = and();
    while (word(peek(), 'or')) {
      pos++;
      const l = left;
      const r = and();
      left = (item) => l(item) || r(item);
    }
    return left;
  }
  const predicate = or();
  if (pos !== tokens.length) throw fail();
  return predicate;
}
