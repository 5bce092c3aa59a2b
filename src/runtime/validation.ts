import { ErrorObject } from 'ajv';
import { ConnectorError } from '../core/errors';

function fieldPath(error: ErrorObject): string {
  const base = error.instancePath.replace(/^\//, '').replace(/\//g, '.').replace(/~1/g, '/').replace(/~0/g, '~');
  const child = (error.params as { missingProperty?: string; additionalProperty?: string }).missingProperty
    ?? (error.params as { additionalProperty?: string }).additionalProperty;
  return [base, child].filter(Boolean).join('.') || '(input)';
}

function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return 'is required';
    case 'additionalProperties':
      return 'is not a known field';
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    default:
      return error.message ?? 'is invalid';
  }
}

/** A message names at most this many problems, then says how many more there are. */
export const MAX_REPORTED_ERRORS = 20;
const MAX_FIELD_CHARS = 200;

/**
 * One user_input_error naming the failing fields by path: the first MAX_REPORTED_ERRORS distinct problems
 * and a count of the rest, in one linear pass (a body of 60,000 unknown keys gives 60,000 ajv errors).
 */
export function inputError(errors: ErrorObject[] | null | undefined, prefix = 'input'): ConnectorError {
  const seen = new Set<string>();
  const parts: string[] = [];
  const fields = new Set<string>();
  let more = 0;
  for (const error of errors ?? []) {
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    const path = fieldPath(error);
    const field = path.length > MAX_FIELD_CHARS ? `${path.slice(0, MAX_FIELD_CHARS)}…` : path;
    const text = `${field} ${describe(error)}`;
    if (seen.has(text)) continue;
    seen.add(text);
    if (parts.length >= MAX_REPORTED_ERRORS) {
      more++;
      continue;
    }
    parts.push(text);
    fields.add(field);
  }
  if (parts.length === 0) parts.push('does not match the operation schema');
  const tail = more ? `; and ${more} more problem${more === 1 ? '' : 's'}` : '';
  return new ConnectorError('user_input_error', `Invalid ${prefix}: ${parts.join('; ')}${tail}`, { fields: [...fields] });
}
