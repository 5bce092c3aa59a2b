import { ConnectorError, userInputError } from '../core/errors';
import { alreadyDone } from './safe-rerun';
import type { OktaUser } from '../generated/types';
import { defineOperation, oktaPath, OperationContext, OperationHandler, PreflightResult } from '../runtime/handler-kinds';

export type LifecycleAction = 'activate' | 'reactivate' | 'deactivate' | 'suspend' | 'unsuspend' | 'unlock';

interface Transition {
  /** The operation's title, used in messages. */
  label: string;
  /** The statuses Okta allows the action from (docs/OKTA-NOTES.md#user-status), as a builder reads it. */
  allowedFrom: string;
  /** The same, as statuses: what a dry run checks before it plans the request. */
  fromStatuses: readonly string[];
  /** The statuses the action ends in: a user already in one needs nothing done. */
  endStatuses?: readonly string[];
  /** Okta codes that mean "not allowed in the user's current status" for this endpoint. */
  wrongStatusCodes: string[];
  /** The endpoint takes `sendEmail`; its default lives in the operation's input schema (`send_email`). */
  sendEmail?: true;
  /** The endpoint answers `UserActivationToken` (`activationToken` / `activationUrl` when no email is sent). */
  activationToken?: true;
}

/** Okta's user status state machine (docs/OKTA-NOTES.md#user-status) and each lifecycle endpoint's shape. */
export const TRANSITIONS: Record<LifecycleAction, Transition> = {
  activate: {
    label: 'Activate user',
    allowedFrom: 'STAGED or DEPROVISIONED users (use Reactivate user for PROVISIONED ones)',
    fromStatuses: ['STAGED', 'DEPROVISIONED'],
    endStatuses: ['ACTIVE', 'PROVISIONED'],
    wrongStatusCodes: ['E0000016', 'E0000038'],
    sendEmail: true,
    activationToken: true,
  },
  reactivate: {
    label: 'Reactivate user',
    allowedFrom: 'PROVISIONED or RECOVERY users (use Activate user for STAGED or DEPROVISIONED ones)',
    fromStatuses: ['PROVISIONED', 'RECOVERY'],
    wrongStatusCodes: ['E0000038'],
    sendEmail: true,
    activationToken: true,
  },
  deactivate: {
    label: 'Deactivate user',
    allowedFrom: 'users that are not DEPROVISIONED yet: Okta reports an already deactivated user as not found',
    fromStatuses: ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'SUSPENDED'],
    endStatuses: ['DEPROVISIONED'],
    wrongStatusCodes: ['E0000007', 'E0000038'],
    sendEmail: true,
  },
  suspend: { label: 'Suspend user', allowedFrom: 'ACTIVE users', fromStatuses: ['ACTIVE'], endStatuses: ['SUSPENDED'], wrongStatusCodes: ['E0000001'] },
  unsuspend: { label: 'Unsuspend user', allowedFrom: 'SUSPENDED users', fromStatuses: ['SUSPENDED'], endStatuses: ['ACTIVE'], wrongStatusCodes: ['E0000001'] },
  unlock: {
    label: 'Unlock user',
    allowedFrom: 'Okta-sourced users that are LOCKED_OUT, or ACTIVE and blocked from unknown devices',
    fromStatuses: ['LOCKED_OUT'],
    endStatuses: ['ACTIVE'],
    wrongStatusCodes: ['E0000032'],
  },
};

export interface LifecycleInput {
  user_id: string;
  send_email?: boolean;
  return_user?: boolean;
  fail_if_unchanged?: boolean;
}

export interface LifecycleOutput {
  user_id: string;
  action: LifecycleAction;
  changed: boolean;
  activation_token?: string;
  activation_url?: string;
  user?: OktaUser;
}

interface ActivationToken {
  activationToken?: unknown;
  activationUrl?: unknown;
}

const sentence = (text: string) => (/[.!?]$/.test(text) ? text : `${text}.`);

/** The same error with more words: type, status, Okta details and request id are kept. */
function withMessage(error: ConnectorError, message: string, retryable = error.retryable): ConnectorError {
  const { status, okta, requestId, retryAfterSeconds, fields } = error;
  return new ConnectorError(error.type, message, { status, okta, requestId, retryable, retryAfterSeconds, fields });
}

/** After Okta refused the action for the user's status: the user, when that status is where the action leads. */
async function userAlreadyIn(transition: Transition, userPath: string, ctx: OperationContext): Promise<{ user: OktaUser } | undefined> {
  if (!transition.endStatuses) return undefined;
  const user = await ctx.request<OktaUser>({ method: 'GET', path: userPath }).then(
    (response) => response.body,
    () => undefined,
  );
  return user && transition.endStatuses.includes(user.status) ? { user } : undefined;
}

/** What a dry run checks: the user's status against the transition, as Okta would. */
async function checkStatus(transition: Transition, input: LifecycleInput, ctx: OperationContext): Promise<PreflightResult> {
  const { status } = (await ctx.request<OktaUser>({ method: 'GET', path: oktaPath`/api/v1/users/${input.user_id}` })).body;
  if (transition.endStatuses?.includes(status)) {
    alreadyDone(input, `the user is already ${status}`, ['user_id']);
    return { unchanged: `The user is already ${status}: ${transition.label} would send nothing.` };
  }
  if (!transition.fromStatuses.includes(status)) {
    throw userInputError(`${transition.label} works only on ${transition.allowedFrom}; this user is ${status}.`, ['user_id']);
  }
  return {};
}

/**
 * One lifecycle operation: `POST /api/v1/users/{id}/lifecycle/<action>` with no body, then (unless
 * `return_user` is false) a re-read of the user by the same id so the step shows the new status.
 */
export function lifecycleOperation<I extends LifecycleInput, O extends LifecycleOutput>(action: O['action']): OperationHandler<I, O> {
  const transition = TRANSITIONS[action];
  return defineOperation<I, O>(async (input, ctx) => {
    const userPath = oktaPath`/api/v1/users/${input.user_id}`;
    const output: LifecycleOutput = { user_id: input.user_id, action, changed: true };
    const acted = await ctx
      .request<ActivationToken | null>({
        method: 'POST',
        path: `${userPath}/lifecycle/${action}`,
        query: transition.sendEmail ? { sendEmail: input.send_email } : undefined,
      })
      .catch(async (error: unknown) => {
        if (!(error instanceof ConnectorError) || !transition.wrongStatusCodes.includes(error.okta?.errorCode ?? '')) throw error;
        const already = input.fail_if_unchanged ? undefined : await userAlreadyIn(transition, userPath, ctx);
        if (already) return already;
        throw withMessage(error, `${sentence(error.message)} ${transition.label} works only on ${transition.allowedFrom}.`);
      });
    if ('user' in acted) {
      // A re-run: the user was already where this action leads, so nothing was changed.
      return (input.return_user === false ? { ...output, changed: false } : { ...output, changed: false, user: acted.user }) as O;
    }

    const token = transition.activationToken ? acted.body : undefined;
    if (typeof token?.activationToken === 'string') output.activation_token = token.activationToken;
    if (typeof token?.activationUrl === 'string') output.activation_url = token.activationUrl;
    if (input.return_user === false) return output as O;

    try {
      output.user = (await ctx.request<OktaUser>({ method: 'GET', path: userPath })).body;
    } catch (error) {
      // The action is done: repeating the step would run it again and fail on the new status.
      if (!(error instanceof ConnectorError)) throw error;
      const message = `${transition.label} succeeded, but reading the user back failed: ${sentence(error.message)} Do not repeat the action; read the user with Get user.`;
      throw withMessage(error, message, false);
    }
    return output as O;
  }, (input, ctx) => checkStatus(transition, input, ctx));
}
