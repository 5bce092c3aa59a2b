import { randomBytes } from 'node:crypto';
import { oktaErrors, SandboxError } from '../core/okta-error-bodies';
import { timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';
import { Route, SandboxRequest } from '../core/route-types';
import { flag } from './user-lifecycle';
import { assertAllowed, setStatus, UserStatus } from './user-status';
import { requireUser, userTarget } from './user-store';

/**
 * Reset password from these statuses only. Okta documents the move to RECOVERY but not the statuses it starts
 * from; these are inferred (a user without a password finishes activation through a reset, spec `reactivateUser`),
 * and the others answer E0000038 like the other lifecycle calls.
 */
const RESET_PASSWORD_FROM: UserStatus[] = ['PROVISIONED', 'ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT'];

const token = (length: number) => randomBytes(length).toString('base64url').replace(/[-_]/g, 'x').slice(0, length);

/** Ends the user's Okta sessions; with `oauthTokens` also their OIDC/OAuth tokens (spec `revokeUserSessions`). */
export function revokeSessions(org: SandboxOrg, user: OktaObject, oauthTokens: boolean): void {
  const held = org.sessions.get(user.id);
  if (!held) return;
  held.sessions = [];
  if (oauthTokens) held.oauthTokens = [];
}

/** `DELETE /users/{userId}/sessions`: 204 whether or not the user had sessions (Okta says nothing either way). */
function clearSessions(org: SandboxOrg, req: SandboxRequest) {
  const user = org.users.get(req.params.userId);
  if (!user) throw oktaErrors.notFound(req.params.userId, 'User');
  revokeSessions(org, user, flag(req, 'oauthTokens', false));
  org.log('user.session.clear', 'Clear user session', [userTarget(user)]);
  return { status: 204 };
}

/**
 * `POST /users/{id}/lifecycle/expire_password_with_temp_password` (spec `expirePasswordWithTempPassword`): the
 * password is replaced by a temporary one, returned, and expired; `revokeSessions` ends the user's sessions.
 * Allowed from the same statuses as a plain expire.
 */
function expireWithTempPassword(org: SandboxOrg, req: SandboxRequest) {
  const user = requireUser(org, req.params.id);
  assertAllowed(user, 'expire_password');
  const now = timestamp();
  user.credentials = { ...user.credentials, password: {} };
  user.passwordChanged = now;
  setStatus(user, 'PASSWORD_EXPIRED', now);
  if (flag(req, 'revokeSessions', false)) revokeSessions(org, user, false);
  org.log('user.account.expire_password', 'Expire Okta user password', [userTarget(user)]);
  return { status: 200, body: { tempPassword: `${token(6)}${Math.floor(Math.random() * 90 + 10)}` } };
}

/**
 * `POST /users/{id}/lifecycle/reset_password` (spec `resetPassword`): the user goes to RECOVERY; with
 * `sendEmail=false` the answer holds the one-time reset link (`ResetPasswordToken`), else it is `{}`.
 */
function resetPassword(org: SandboxOrg, req: SandboxRequest) {
  const sendEmail = req.query.get('sendEmail');
  if (sendEmail === null) throw new SandboxError(400, 'E0000028', 'The request is missing a required parameter.', ['sendEmail: The parameter is required']);
  const user = requireUser(org, req.params.id);
  if (!RESET_PASSWORD_FROM.includes(user.status)) throw oktaErrors.wrongStatus();
  setStatus(user, 'RECOVERY');
  if (flag(req, 'revokeSessions', false)) revokeSessions(org, user, false);
  org.log('user.account.reset_password', 'Reset password for Okta user', [userTarget(user)]);
  if (sendEmail.toLowerCase() === 'true') return { status: 200, body: {} };
  return { status: 200, body: { resetPasswordUrl: `${req.baseUrl}/signin/reset-password/${token(20)}` } };
}

/** Sessions and the credential lifecycle calls not in the user status table (`user-status.ts`). */
export function sessionsAndCredentialsRoutes(org: SandboxOrg): Route[] {
  return [
    { method: 'DELETE', pattern: '/api/v1/users/:userId/sessions', handle: (req) => clearSessions(org, req) },
    { method: 'POST', pattern: '/api/v1/users/:id/lifecycle/expire_password_with_temp_password', handle: (req) => expireWithTempPassword(org, req) },
    { method: 'POST', pattern: '/api/v1/users/:id/lifecycle/reset_password', handle: (req) => resetPassword(org, req) },
  ];
}
