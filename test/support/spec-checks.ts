import type { ErrorObject } from 'ajv';

/*
 * How recorded traffic is judged against Okta's spec: requests strictly, 2xx responses leniently, because
 * the spec's own examples break it in known ways. Shared by the contract test and the sandbox check.
 */

export const at = (data: unknown, pointer: string): unknown =>
  pointer
    .split('/')
    .filter(Boolean)
    .reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key.replace(/~1/g, '/').replace(/~0/g, '~')] : undefined), data);

/**
 * A oneOf whose branches overlap fails on data that fits several of them: the spec's fault, not the data's
 * (e.g. activateFactor's body `{passCode}` fits the call, email, sms and totp branches alike).
 */
const ambiguousOneOf = (error: ErrorObject) => error.keyword === 'oneOf' && Array.isArray((error.params as { passingSchemas?: unknown }).passingSchemas);

/** Request errors: every one counts, except an ambiguous oneOf. */
export const realRequestErrors = (errors: ErrorObject[]) => errors.filter((error) => !ambiguousOneOf(error));

/**
 * Response errors that are the spec's, not the sample's, each shown by Okta's real responses and by the
 * spec's own examples or text. Anything else is a finding.
 */
const RESPONSE_SPEC_DEFECTS: Array<{ why: string; applies: (error: ErrorObject, data: unknown) => boolean }> = [
  { why: 'Okta sends null for many fields the spec types without `nullable`', applies: (e, data) => e.keyword === 'type' && data === null },
  { why: 'Okta objects carry more properties than some spec schemas list', applies: (e) => e.keyword === 'additionalProperties' },
  { why: 'overlapping oneOf branches', applies: ambiguousOneOf },
  {
    why: 'HAL `_links`/`_embedded` entries Okta sends as arrays (a factor\'s `resend`, the catalog\'s `phones`; so do the spec\'s own examples) are typed as one object',
    applies: (e, data) => e.keyword === 'type' && Array.isArray(data) && /\/(_links|_embedded)\/[^/]+$/.test(e.instancePath),
  },
  {
    why: 'a schema attribute\'s `unique` is typed boolean, but the spec\'s Schema tag says responses show "UNIQUE_VALIDATED" / "PENDING_UNIQUENESS"',
    applies: (e, data) => e.keyword === 'type' && /\/properties\/[^/]+\/unique$/.test(e.instancePath) && typeof data === 'string' && /^[A-Z_]+$/.test(data),
  },
  {
    why: 'UserFactorVerifyResponse types each `profile` value as an object, yet the spec\'s own verify examples (UserFactorChallengeSmsResponse, UserFactorVerifyPushTransactionWaiting) give strings such as `phoneNumber` and `credentialId`',
    applies: (e, data) => e.keyword === 'type' && typeof data === 'string' && /^\/profile\/[^/]+$/.test(e.instancePath) && (e.params as { type?: string }).type === 'object',
  },
];

/** Errors of a 2xx response less the known spec defects; an anyOf/oneOf failure goes too when each branch failed only for those. */
export function realResponseErrors(body: unknown, errors: ErrorObject[]): ErrorObject[] {
  const isDefect = (error: ErrorObject): boolean => {
    if (RESPONSE_SPEC_DEFECTS.some((defect) => defect.applies(error, at(body, error.instancePath)))) return true;
    if (error.keyword === 'anyOf' || error.keyword === 'oneOf') {
      const branches = errors.filter((e) => e.schemaPath.startsWith(`${error.schemaPath}/`));
      return branches.length > 0 && branches.every(isDefect);
    }
    return false;
  };
  return errors.filter((error) => !isDefect(error));
}

export const describeErrors = (errors: ErrorObject[] | null | undefined) =>
  (errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}${e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : ''}`);

