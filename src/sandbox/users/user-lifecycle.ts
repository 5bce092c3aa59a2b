import { randomBytes } from 'node:crypto';
import { timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';
import { Route, SandboxRequest, SandboxResponse } from '../core/route-types';
import { ACTION_RULES, assertAllowed, LifecycleAction, setStatus } from './user-status';
import { renderUser, requireUser, userTarget } from './user-store';

/** A boolean query parameter (`true`/`false`), or its default. */
export function flag(req: SandboxRequest, name: string, fallback: boolean): boolean {
  const value = req.query.get(name);
  return value === null ? fallback : value.toLowerCase() === 'true';
}

const hasCredential = (user: OktaObject) => user.credentials?.password !== undefined || ['FEDERATION', 'SOCIAL'].includes(user.credentials?.provider?.type);

/** `UserActivationToken`: `{}` when Okta emails the user, else a token and the OIE activation URL. */
function activationAnswer(req: SandboxRequest, sendEmail: boolean): SandboxResponse {
  if (sendEmail) return { status: 200, body: {} };
  const activationToken = randomBytes(15).toString('base64url').slice(0, 20);
  return { status: 200, body: { activationToken, activationUrl: `${req.baseUrl}/tokens/${activationToken}/verify` } };
}

/**
 * Activation ends ACTIVE for a STAGED user who has a credential and PROVISIONED (welcome flow pending)
 * otherwise; a DEPROVISIONED user always goes back through PROVISIONED (docs/OKTA-NOTES.md#user-status).
 */
export function activateUser(org: SandboxOrg, user: OktaObject): void {
  setStatus(user, hasCredential(user) && user.status !== 'DEPROVISIONED' ? 'ACTIVE' : 'PROVISIONED');
  org.log('user.lifecycle.activate', 'Activate Okta user', [userTarget(user)]);
}

/** Deactivation keeps group memberships and factors, as Okta does. */
export function deactivateUser(org: SandboxOrg, user: OktaObject): void {
  assertAllowed(user, 'deactivate');
  setStatus(user, 'DEPROVISIONED');
  org.log('user.lifecycle.deactivate', 'Deactivate Okta user', [userTarget(user)]);
}

type Effect = (org: SandboxOrg, user: OktaObject, req: SandboxRequest) => SandboxResponse;

const EMPTY: SandboxResponse = { status: 200 };

const EFFECTS: Record<LifecycleAction, Effect> = {
  activate: (org, user, req) => {
    activateUser(org, user);
    return activationAnswer(req, flag(req, 'sendEmail', true));
  },
  reactivate: (org, user, req) => {
    setStatus(user, 'PROVISIONED');
    org.log('user.lifecycle.reactivate', 'Reactivate Okta user', [userTarget(user)]);
    return activationAnswer(req, flag(req, 'sendEmail', false));
  },
  deactivate: (org, user) => {
    deactivateUser(org, user);
    return EMPTY;
  },
  suspend: (org, user) => {
    setStatus(user, 'SUSPENDED');
    org.log('user.lifecycle.suspend', 'Suspend Okta user', [userTarget(user)]);
    return EMPTY;
  },
  unsuspend: (org, user) => {
    setStatus(user, 'ACTIVE');
    org.log('user.lifecycle.unsuspend', 'Unsuspend Okta user', [userTarget(user)]);
    return EMPTY;
  },
  unlock: (org, user) => {
    setStatus(user, 'ACTIVE');
    org.log('user.account.unlock_by_admin', 'Unlock Okta user', [userTarget(user)]);
    return EMPTY;
  },
  expire_password: (org, user, req) => {
    setStatus(user, 'PASSWORD_EXPIRED');
    org.log('user.account.expire_password', 'Expire Okta user password', [userTarget(user)]);
    return { status: 200, body: renderUser(org, user, req.baseUrl) };
  },
  reset_factors: (org, user) => {
    org.factors.delete(user.id);
    user.lastUpdated = timestamp();
    org.log('user.mfa.factor.reset_all', 'Reset all factors for user', [userTarget(user)]);
    return EMPTY;
  },
};

/** `POST /api/v1/users/:id/lifecycle/<action>` for every action of Okta's user status machine. */
export function userLifecycleRoutes(org: SandboxOrg): Route[] {
  return (Object.keys(ACTION_RULES) as LifecycleAction[]).map((action) => ({
    method: 'POST',
    pattern: `/api/v1/users/:id/lifecycle/${action}`,
    handle: (req) => {
      const user = requireUser(org, req.params.id);
      assertAllowed(user, action);
      return EFFECTS[action](org, user, req);
    },
  }));
}
