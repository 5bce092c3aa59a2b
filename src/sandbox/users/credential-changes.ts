import { oktaErrors, SandboxError } from '../core/okta-error-bodies';
import { OktaObject, SandboxOrg } from '../core/org';
import { Route, SandboxRequest, SandboxResponse } from '../core/route-types';
import { setStatus, UserStatus } from './user-status';
import { requireUser, userTarget } from './user-store';
import { checkedQuestion, isCurrentPassword, setPasswordValue } from './user-validation';

/**
 * The self-service credential changes that prove the current password (spec tag UserCred): `changePassword`
 * and `changeRecoveryQuestion`. Both answer the user's `UserCredentials`.
 */
const CHANGE_PASSWORD_FROM: UserStatus[] = ['STAGED', 'ACTIVE', 'PASSWORD_EXPIRED', 'RECOVERY'];
const CHANGE_QUESTION_FROM: UserStatus[] = ['STAGED', 'ACTIVE', 'RECOVERY'];

/** Okta's answer to a wrong current password (E0000014 "Update of credentials failed", error-code catalog, docs/OKTA-NOTES.md#error-bodies). */
const wrongPassword = (field: string) => new SandboxError(403, 'E0000014', 'Update of credentials failed', [`${field}: The credentials provided were incorrect.`]);

function credentialUser(org: SandboxOrg, req: SandboxRequest, allowed: UserStatus[]): OktaObject {
  const user = requireUser(org, req.params.userId);
  if (!allowed.includes(user.status)) throw oktaErrors.wrongStatus();
  // "that have a valid password credential" (spec): federated users and users without a password are refused.
  if (user.credentials?.password === undefined) throw new SandboxError(403, 'E0000014', 'Update of credentials failed', ['password: The user has no password credential']);
  return user;
}

const body = (req: SandboxRequest): OktaObject => (req.body && typeof req.body === 'object' ? (req.body as OktaObject) : {});
const credentialsOf = (user: OktaObject): SandboxResponse => ({ status: 200, body: structuredClone(user.credentials) });

function changePassword(org: SandboxOrg, req: SandboxRequest): SandboxResponse {
  const user = credentialUser(org, req, CHANGE_PASSWORD_FROM);
  const { oldPassword, newPassword } = body(req);
  if (!isCurrentPassword(org, user, oldPassword?.value)) throw wrongPassword('oldPassword');
  // History always counts on a change; `strict` adds the minimum-age rule, which the sandbox's policy does not set.
  setPasswordValue(org, user, newPassword?.value, true);
  // "The user transitions to ACTIVE status when successfully invoked in RECOVERY status" (spec); an expired password ends too.
  if (user.status === 'RECOVERY' || user.status === 'PASSWORD_EXPIRED') setStatus(user, 'ACTIVE');
  org.log('user.account.update_password', 'Update password for user', [userTarget(user)]);
  return credentialsOf(user);
}

function changeRecoveryQuestion(org: SandboxOrg, req: SandboxRequest): SandboxResponse {
  const user = credentialUser(org, req, CHANGE_QUESTION_FROM);
  const { password, recovery_question: question } = body(req);
  if (!isCurrentPassword(org, user, password?.value)) throw wrongPassword('password');
  user.credentials = { ...user.credentials, recovery_question: checkedQuestion(question) };
  user.lastUpdated = new Date().toISOString();
  return credentialsOf(user);
}

export function credentialChangeRoutes(org: SandboxOrg): Route[] {
  return [
    { method: 'POST', pattern: '/api/v1/users/:userId/credentials/change_password', handle: (req) => changePassword(org, req) },
    { method: 'POST', pattern: '/api/v1/users/:userId/credentials/change_recovery_question', handle: (req) => changeRecoveryQuestion(org, req) },
  ];
}
