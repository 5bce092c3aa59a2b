import { memberIds } from '../groups/group-store';
import { OktaObject, SandboxOrg } from '../core/org';

/**
 * Who an app is assigned to, computed from the stored direct assignments and group assignments, so deleting
 * a user, a group or a membership never leaves a stale app user behind.
 */

/** The app's group assignments whose group still exists and holds the user, highest priority (lowest number) first. */
export function groupGrants(org: SandboxOrg, appId: string, userId: string): OktaObject[] {
  return [...(org.appGroups.get(appId)?.values() ?? [])]
    .filter((assignment) => {
      const group = org.groups.get(assignment.id);
      return group !== undefined && memberIds(org, group).includes(userId);
    })
    .sort((a, b) => a.priority - b.priority);
}

/**
 * The user's app user for the app: a direct assignment is `scope: USER`; one that comes only through groups is
 * `scope: GROUP` and takes the profile of the highest-priority group (spec `assignGroupToApplication`,
 * `ApplicationGroupAssignment.priority`). Undefined when the app is not assigned to the user.
 */
export function appUserOf(org: SandboxOrg, app: OktaObject, userId: string): OktaObject | undefined {
  const user = org.users.get(userId);
  if (!user) return undefined;
  const direct = org.appUsers.get(app.id)?.get(userId);
  if (direct) return direct;
  const [grant] = groupGrants(org, app.id, userId);
  if (!grant) return undefined;
  return {
    id: userId,
    externalId: null,
    created: grant.lastUpdated,
    lastUpdated: grant.lastUpdated,
    scope: 'GROUP',
    status: 'ACTIVE',
    statusChanged: grant.lastUpdated,
    passwordChanged: null,
    syncState: 'DISABLED',
    credentials: { userName: String(user.profile?.login ?? userId) },
    profile: structuredClone(grant.profile ?? {}),
  };
}

/** Every app user of the app: direct assignments first, then members of assigned groups, each once. */
export function appUsersOf(org: SandboxOrg, app: OktaObject): OktaObject[] {
  const ids = new Set(org.appUsers.get(app.id)?.keys() ?? []);
  for (const assignment of org.appGroups.get(app.id)?.values() ?? []) {
    const group = org.groups.get(assignment.id);
    if (group) for (const id of memberIds(org, group)) ids.add(id);
  }
  return [...ids].map((id) => appUserOf(org, app, id)).filter((appUser): appUser is OktaObject => appUser !== undefined);
}

/** An app user as Okta answers it (`AppUser` with `_links.app` and `_links.user`). */
export function renderAppUser(org: SandboxOrg, appId: string, appUser: OktaObject, baseUrl: string, expandUser = false): OktaObject {
  const rendered: OktaObject = {
    ...structuredClone(appUser),
    _links: { app: { href: `${baseUrl}/api/v1/apps/${appId}` }, user: { href: `${baseUrl}/api/v1/users/${appUser.id}` } },
  };
  const user = org.users.get(appUser.id);
  if (expandUser && user) rendered._embedded = { user: { ...structuredClone(user), _links: { self: { href: `${baseUrl}/api/v1/users/${user.id}` } } } };
  return rendered;
}
