import { oktaErrors, SandboxError } from '../core/okta-error-bodies';
import { timestamp } from '../core/ids';
import { OktaObject } from '../core/org';

export type UserStatus = 'STAGED' | 'PROVISIONED' | 'ACTIVE' | 'RECOVERY' | 'PASSWORD_EXPIRED' | 'LOCKED_OUT' | 'SUSPENDED' | 'DEPROVISIONED';

export type LifecycleAction = 'activate' | 'reactivate' | 'deactivate' | 'suspend' | 'unsuspend' | 'unlock' | 'expire_password' | 'reset_factors';

export interface ActionRule {
  /** The `_links` relation a single-user GET shows while the action is allowed. */
  rel: string;
  /** Statuses the action is allowed from (docs/OKTA-NOTES.md#user-status). */
  allowedFrom: UserStatus[];
  /** Statuses whose `_links` advertise the action (defaults to `allowedFrom`). */
  linkedFrom?: UserStatus[];
  /** Okta's answer when the action is refused in the user's current status. */
  refusal: (user: OktaObject) => SandboxError;
}

const NOT_DEPROVISIONED: UserStatus[] = ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'SUSPENDED'];

/** Okta's user status machine: which lifecycle action is allowed from which status, and the error otherwise. */
export const ACTION_RULES: Record<LifecycleAction, ActionRule> = {
  activate: {
    rel: 'activate',
    allowedFrom: ['STAGED', 'DEPROVISIONED'],
    refusal: (user) => (user.status === 'ACTIVE' ? oktaErrors.alreadyActive() : oktaErrors.wrongStatus()),
  },
  reactivate: { rel: 'reactivate', allowedFrom: ['PROVISIONED', 'RECOVERY'], refusal: () => oktaErrors.wrongStatus() },
  // Okta reports an already deactivated user as not found (okta/okta-sdk-java#721).
  deactivate: { rel: 'deactivate', allowedFrom: NOT_DEPROVISIONED, refusal: (user) => oktaErrors.notFound(user.id, 'User') },
  suspend: {
    rel: 'suspend',
    allowedFrom: ['ACTIVE'],
    refusal: () => oktaErrors.validation('suspendUser', ['Cannot suspend a user that is not active']),
  },
  unsuspend: {
    rel: 'unsuspend',
    allowedFrom: ['SUSPENDED'],
    refusal: () => oktaErrors.validation('unsuspendUser', ['Cannot unsuspend a user that is not suspended']),
  },
  // The spec (unlockUser) unlocks LOCKED_OUT users, and ACTIVE users only when blocked from unknown devices.
  // Sandbox users are never device-blocked (`GET /users/{id}?expand=blocks` is empty), so ACTIVE is refused too.
  unlock: {
    rel: 'unlock',
    allowedFrom: ['LOCKED_OUT'],
    refusal: () => new SandboxError(403, 'E0000032', 'Unlock is not allowed for this user.'),
  },
  expire_password: { rel: 'expirePassword', allowedFrom: ['ACTIVE', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'RECOVERY'], refusal: () => oktaErrors.wrongStatus() },
  reset_factors: {
    rel: 'resetFactors',
    allowedFrom: ['PROVISIONED', 'ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'SUSPENDED'],
    refusal: () => oktaErrors.wrongStatus(),
  },
};

/** Throws Okta's refusal when `action` is not allowed in the user's current status. */
export function assertAllowed(user: OktaObject, action: LifecycleAction): void {
  const rule = ACTION_RULES[action];
  if (!rule.allowedFrom.includes(user.status)) throw rule.refusal(user);
}

/** The lifecycle actions a single-user GET advertises for a status. */
export function linkedActions(status: UserStatus): Array<[LifecycleAction, ActionRule]> {
  return (Object.entries(ACTION_RULES) as Array<[LifecycleAction, ActionRule]>).filter(([, rule]) => (rule.linkedFrom ?? rule.allowedFrom).includes(status));
}

/**
 * Moves a user to `status`, stamping `statusChanged` and `lastUpdated`; `activated` is set on becoming ACTIVE
 * after an activation and cleared by deactivation.
 */
export function setStatus(user: OktaObject, status: UserStatus, now = timestamp()): void {
  if (user.status !== status) user.statusChanged = now;
  if (status === 'ACTIVE' && !user.activated) user.activated = now;
  if (status === 'DEPROVISIONED') user.activated = null;
  user.status = status;
  user.lastUpdated = now;
}
