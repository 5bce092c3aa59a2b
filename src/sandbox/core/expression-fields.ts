import { SandboxError } from './okta-error-bodies';

export interface Comparison {
  attribute: string;
  operator: string;
}

/** The `attribute operator` pairs of a search/filter expression (quoted values are skipped). */
export function comparisonsOf(expr: string): Comparison[] {
  const unquoted = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return [...unquoted.matchAll(/([A-Za-z_$][\w.$]*)\s+(eq|ne|sw|co|ew|pr|gt|ge|lt|le)(?=[\s"(]|$)/gi)].map((m) => ({
    attribute: m[1],
    operator: m[2].toLowerCase(),
  }));
}

/**
 * Enforces an endpoint's field rules on an expression: every comparison must pass `allowed`, else `error()`.
 * Okta refuses an expression over fields the endpoint does not index, rather than ignoring them.
 */
export function assertComparisons(expr: string, allowed: (comparison: Comparison) => boolean, error: () => SandboxError): void {
  if (!comparisonsOf(expr).every(allowed)) throw error();
}

/** True when the expression uses the logical keyword (`not`, `or`, ...) outside quoted values. */
export function usesKeyword(expr: string, keyword: string): boolean {
  const unquoted = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""');
  return new RegExp(`(^|[\\s(])${keyword}(?=[\\s(]|$)`, 'i').test(unquoted);
}
