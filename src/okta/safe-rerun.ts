import { ConnectorError } from '../core/errors';

/** The input field every re-runnable write takes (schemas/safe-rerun.schema.json). */
export interface RerunInput {
  fail_if_unchanged?: boolean;
}

/**
 * The end state a write asks for is already reached, so nothing is sent: the call succeeds with
 * `changed: false`, or, when the caller turned on `fail_if_unchanged`, fails saying why.
 */
export function alreadyDone(input: RerunInput, why: string, fields?: string[]): { changed: false } {
  if (input.fail_if_unchanged) {
    throw new ConnectorError('user_input_error', `Nothing to change: ${why}. (fail_if_unchanged is on; turn it off to succeed with changed: false.)`, { fields });
  }
  return { changed: false };
}

/**
 * For removals: Okta answers 404 E0000007 for what is not there, which after a first run means the end state
 * is reached, so this returns `false` (nothing changed). With `fail_if_unchanged`, and for any other error,
 * the error is thrown as Okta gave it. Okta cannot tell "already removed" from "never existed", so neither can this.
 */
export function notFoundMeansDone(error: unknown, input: RerunInput): false {
  if (!input.fail_if_unchanged && error instanceof ConnectorError && error.status === 404 && error.okta?.errorCode === 'E0000007') return false;
  throw error;
}
