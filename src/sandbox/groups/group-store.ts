import { oktaErrors, SandboxError } from '../core/okta-error-bodies';
import { newId, timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';

/** Group object classes by type, as Okta reports them. */
export const OBJECT_CLASS: Record<string, string[]> = {
  OKTA_GROUP: ['okta:user_group'],
  BUILT_IN: ['okta:user_group'],
  APP_GROUP: ['okta:windows_security_principal'],
};

const NAME_MAX = 255;
const DESCRIPTION_MAX = 1024;

/** The group, or Okta's 404 E0000007 naming it (`UserGroup` is Okta's resource name in that message). */
export function requireGroup(org: SandboxOrg, groupId: string): OktaObject {
  const group = org.groups.get(groupId);
  if (!group) throw oktaErrors.notFound(groupId, 'UserGroup');
  return group;
}

/**
 * Member user ids, in membership order. Everyone (BUILT_IN) holds every user of the org, computed at query
 * time so it never drifts from `org.users`; ids of users that no longer exist are skipped.
 */
export function memberIds(org: SandboxOrg, group: OktaObject): string[] {
  if (group.type === 'BUILT_IN') return [...org.users.keys()];
  return [...(org.memberships.get(group.id) ?? [])].filter((id) => org.users.has(id));
}

/**
 * A group as Okta answers it: `_links` for `baseUrl`, and `_embedded` for `expand=stats` / `expand=app`.
 * An APP_GROUP stores its source app as `source: {id, app}`; Okta shows only `source.id` (and the app under
 * `_embedded.app` when asked).
 */
export function renderGroup(org: SandboxOrg, group: OktaObject, baseUrl: string, expand?: string | null): OktaObject {
  const api = `${baseUrl}/api/v1`;
  const logo = (name: string) => ({ name, href: `${baseUrl}/assets/img/logos/groups/${group.type === 'APP_GROUP' ? 'active_directory' : 'okta'}-${name}.png`, type: 'image/png' });
  const links: OktaObject = {
    logo: [logo('medium'), logo('large')],
    users: { href: `${api}/groups/${group.id}/users` },
    apps: { href: `${api}/groups/${group.id}/apps` },
  };
  if (group.source?.id) links.source = { href: `${api}/apps/${group.source.id}` };
  const rendered: OktaObject = { ...structuredClone(group), _links: links };
  if (expand === 'stats') {
    rendered._embedded = { stats: { usersCount: memberIds(org, group).length, appsCount: group.source ? 1 : 0, groupPushMappingsCount: 0, hasAdminPrivlege: false } };
  } else if (expand === 'app' && group.source?.app) {
    rendered._embedded = { app: group.source.app };
  }
  delete rendered.source?.app;
  return rendered;
}

function tooLong(field: string, max: number): SandboxError {
  return oktaErrors.validation(field, [`${field}: The field is too long (maximum ${max} characters)`]);
}

/**
 * The `profile` of a create/replace body, checked as Okta checks it: `name` 1–255 characters, `description`
 * at most 1024; other (custom) attributes are kept as given.
 */
export function validatedProfile(body: unknown): OktaObject {
  const profile = body && typeof body === 'object' ? (body as OktaObject).profile : undefined;
  if (!profile || typeof profile !== 'object' || Array.isArray(profile)) {
    throw oktaErrors.validation('profile', ['profile: The field cannot be left blank']);
  }
  const { name, description } = profile as OktaObject;
  if (typeof name !== 'string' || name.trim() === '') throw oktaErrors.validation('name', ['name: The field cannot be left blank']);
  if (name.length > NAME_MAX) throw tooLong('name', NAME_MAX);
  if (description !== undefined && description !== null) {
    if (typeof description !== 'string') throw oktaErrors.validation('description', ['description: Must be a string']);
    if (description.length > DESCRIPTION_MAX) throw tooLong('description', DESCRIPTION_MAX);
  }
  return structuredClone(profile as OktaObject);
}

/**
 * The API refuses a group name another group already has, whatever its type (okta/terraform-provider-okta
 * PR#1794: "Okta API enforces unique names on all groups regardless of type"; imported APP_GROUPs may still
 * share names). Okta does not document whether the comparison ignores case; the sandbox ignores case, as for logins.
 */
export function assertGroupNameFree(org: SandboxOrg, name: string, exceptId?: string): void {
  const wanted = name.toLowerCase();
  for (const group of org.groups.values()) {
    if (group.id !== exceptId && String(group.profile?.name ?? '').toLowerCase() === wanted) {
      throw oktaErrors.validation('name', ['name: An object with this field already exists in the current organization']);
    }
  }
}

/** A new group record (stored without `_links`). */
export function newGroup(type: 'OKTA_GROUP' | 'BUILT_IN' | 'APP_GROUP', profile: OktaObject, at = timestamp()): OktaObject {
  return { id: newId('00g'), created: at, lastUpdated: at, lastMembershipUpdated: at, objectClass: [...OBJECT_CLASS[type]], type, profile };
}

/** A System Log target for a group. */
export const groupTarget = (group: OktaObject) => ({ id: group.id, type: 'UserGroup', alternateId: 'unknown', displayName: String(group.profile?.name ?? group.id) });

/** A System Log target for a user. */
export const userTarget = (user: OktaObject) => ({
  id: user.id,
  type: 'User',
  alternateId: String(user.profile?.login ?? user.id),
  displayName: `${user.profile?.firstName ?? ''} ${user.profile?.lastName ?? ''}`.trim() || user.id,
});
