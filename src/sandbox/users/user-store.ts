import { createHash } from 'node:crypto';
import { oktaErrors } from '../core/okta-error-bodies';
import { OktaObject, SandboxOrg } from '../core/org';
import { schemaIdOfType } from '../meta/user-meta';
import { linkedActions } from './user-status';

/** Finds a user by id, login or short name (`me` is the token's owner), or throws Okta's 404. */
export function requireUser(org: SandboxOrg, idOrLogin: string): OktaObject {
  const user = idOrLogin === 'me' ? org.users.get(org.adminId) : org.findUser(idOrLogin);
  if (!user) throw oktaErrors.notFound(idOrLogin, 'User');
  return user;
}

/** Okta refuses profile and credential updates of DEPROVISIONED users with a 404 (docs/OKTA-NOTES.md#user-status). */
export function requireUpdatableUser(org: SandboxOrg, idOrLogin: string): OktaObject {
  const user = requireUser(org, idOrLogin);
  if (user.status === 'DEPROVISIONED') throw oktaErrors.notFound(idOrLogin, 'User');
  return user;
}

/** A weak ETag over the stored user: it changes whenever the user does. */
export function etagOf(user: OktaObject): string {
  return `W/"${createHash('sha1').update(JSON.stringify(user)).digest('hex').slice(0, 16)}"`;
}

/** The System Log target of a user. */
export function userTarget(user: OktaObject): { id: string; type: string; alternateId: string; displayName: string } {
  const { login, firstName, lastName } = user.profile;
  return { id: user.id, type: 'User', alternateId: login, displayName: [firstName, lastName].filter(Boolean).join(' ') || login };
}

/** The org's default user type id (the user-types module owns the types; seed them before users). */
export function defaultTypeId(org: SandboxOrg): string {
  for (const type of org.userTypes.values()) if (type.default === true) return type.id;
  return 'oty1sandboxdefault00';
}

function schemaHref(org: SandboxOrg, typeId: string, baseUrl: string): string | undefined {
  const schemaId = schemaIdOfType(org, typeId) ?? (typeId === defaultTypeId(org) ? 'default' : undefined);
  return schemaId ? `${baseUrl}/api/v1/meta/schemas/user/${schemaId}` : undefined;
}

/**
 * The user as Okta answers it. Collection items carry only `self`; a single user also lists the lifecycle
 * actions allowed in its current status, its schema and its type.
 */
export function renderUser(org: SandboxOrg, user: OktaObject, baseUrl: string, single = false): OktaObject {
  const self = `${baseUrl}/api/v1/users/${user.id}`;
  const links: OktaObject = { self: { href: self } };
  if (single) {
    for (const [action, rule] of linkedActions(user.status)) links[rule.rel] = { href: `${self}/lifecycle/${action}`, method: 'POST' };
    const schema = schemaHref(org, user.type?.id, baseUrl);
    if (schema) links.schema = { href: schema };
    if (user.type?.id) links.type = { href: `${baseUrl}/api/v1/meta/types/user/${user.type.id}` };
  }
  return { ...user, _links: links };
}
