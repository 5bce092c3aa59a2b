import { oktaErrors } from '../core/okta-error-bodies';
import { OktaObject, SandboxOrg } from '../core/org';
import { SandboxRequest } from '../core/route-types';

/** Factor paths take a user ID only (not a login). */
export function userOf(org: SandboxOrg, req: SandboxRequest): OktaObject {
  const user = org.users.get(req.params.userId);
  if (!user) throw oktaErrors.notFound(req.params.userId, 'User');
  return user;
}

export function factorOf(org: SandboxOrg, user: OktaObject, factorId: string): OktaObject {
  const factor = org.factors.get(user.id)?.get(factorId);
  if (!factor) throw oktaErrors.notFound(factorId, 'UserFactor');
  return factor;
}
