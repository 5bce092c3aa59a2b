import { assertComparisons, Comparison, usesKeyword } from '../core/expression-fields';
import { oktaErrors } from '../core/okta-error-bodies';
import { compileExpression, Predicate } from '../core/scim-expression';

/**
 * What `listUsers` accepts in `filter` and `search` (spec `listUsers` parameter descriptions;
 * docs/OKTA-NOTES.md#search-and-filter). Okta refuses anything else with 400 E0000031 "Invalid search criteria." rather than
 * ignoring it.
 */
const FILTER_FIELDS = new Set(['status', 'lastUpdated', 'id', 'profile.login', 'profile.email', 'profile.firstName', 'profile.lastName']);
const RANGE_OPERATORS = new Set(['gt', 'ge', 'lt', 'le']);
const SEARCH_FIELDS = new Set(['id', 'status', 'created', 'activated', 'statusChanged', 'lastUpdated', 'type.id']);
// The spec names sw, eq and co; its own examples add lt and gt (`created lt ...`, `lastUpdated gt ...`), and ge/le go with them.
const SEARCH_OPERATORS = new Set(['eq', 'sw', 'co', 'gt', 'ge', 'lt', 'le']);
const CONTAINS_FIELDS = new Set(['profile.firstName', 'profile.lastName', 'profile.email', 'profile.login']);

/** `filter`: the seven fields, `eq` (comparisons too on `lastUpdated`), `and`/`or` without `not`; values case-sensitive. */
export function userFilterPredicate(expr: string): Predicate {
  const allowed = ({ attribute, operator }: Comparison) =>
    FILTER_FIELDS.has(attribute) && (operator === 'eq' || (attribute === 'lastUpdated' && RANGE_OPERATORS.has(operator)));
  assertComparisons(expr, allowed, oktaErrors.invalidSearch);
  if (usesKeyword(expr, 'not')) throw oktaErrors.invalidSearch();
  return compileExpression(expr, { caseSensitive: true, error: oktaErrors.invalidSearch });
}

/** `search`: any profile attribute and the top-level ones above; no `ne` or `ew`; `co` only on the four name fields. */
export function userSearchPredicate(expr: string): Predicate {
  const allowed = ({ attribute, operator }: Comparison) =>
    (attribute.startsWith('profile.') || SEARCH_FIELDS.has(attribute)) &&
    SEARCH_OPERATORS.has(operator) &&
    (operator !== 'co' || CONTAINS_FIELDS.has(attribute));
  assertComparisons(expr, allowed, oktaErrors.invalidSearch);
  return compileExpression(expr, { error: oktaErrors.invalidSearch });
}
