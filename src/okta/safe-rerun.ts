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
