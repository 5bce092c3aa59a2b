import { ConnectorError } from '../core/errors';

/**
 * For removals that are safe to run twice: Okta answers 404 E0000007 for what is not there, which after a
 * first run means the end state is reached, so this returns `false` (nothing changed). With
 * `fail_if_unchanged`, and for any other error, the error is thrown. Okta cannot tell "already removed" from
 * "never existed", so neither can this.
 */
export function notFoundMeansDone(error: unknown, input: { fail_if_unchanged?: boolean }): false {
  if (!input.fail_if_unchanged && error instanceof ConnectorError && error.status === 404 && error.okta?.errorCode === 'E0000007') return false;
  throw error;
}
