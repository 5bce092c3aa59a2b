/**
 * The one module operation handlers import from (a lint rule keeps it so): the handler kinds, path
 * encoding, the input-error helper, the generated types and the Okta knowledge handlers share.
 */
export * from '../runtime/handler-kinds';
export { ConnectorError, userInputError } from '../core/errors';
export type * from '../generated/types';

export { FACTOR_ACTIVATION_LIMITS } from '../okta/factor-activation-limits';
export * from '../okta/app-assignment';
export * from '../okta/factor-catalog';
export * from '../okta/factor-enrollment';
export * from '../okta/group-membership';
export * from '../okta/group-profile';
export * from '../okta/group-type';
export * from '../okta/raw-request-guard';
export * from '../okta/read-if-exists';
export * from '../okta/safe-rerun';
export * from '../okta/search-expression';
export * from '../okta/user-body';
export * from '../okta/user-lifecycle';
export * from '../okta/user-schema';
