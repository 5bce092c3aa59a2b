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

/** One user_input_error naming every failing field by path. */
export function inputError(errors: ErrorObject[] | null | undefined, prefix = 'input'): ConnectorError {
  const seen = new Set<string>();
  const parts: string[] = [];
  const fields: string[] = [];
  for (const error of errors ?? []) {
    if (error.keyword === 'if' || error.keyword === 'anyOf' || error.keyword === 'oneOf') continue;
    const field = fieldPath(error);
    const text = `${field} ${describe(error)}`;
    if (seen.has(text)) continue;
    seen.add(text);
    parts.push(text);
    if (!fields.includes(field)) fields.push(field);
  }
  if (parts.length === 0) parts.push('does not match the operation schema');
  return new ConnectorError('user_input_error', `Invalid ${prefix}: ${parts.join('; ')}`, { fields });
}
