import { oktaErrors, SandboxError } from '../core/okta-error-bodies';
import { groupTarget, userTarget } from '../groups/group-store';
import { timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';

const MAX_GROUP_IDS = 20;

/** A create's `groupIds`: at most 20, each an existing group. */
export function assertGroupsExist(org: SandboxOrg, groupIds: unknown): string[] {
  if (groupIds === undefined || groupIds === null) return [];
  if (!Array.isArray(groupIds) || groupIds.some((id) => typeof id !== 'string')) {
    throw oktaErrors.validation('groupIds', ['groupIds: Must be an array of group ids']);
  }
  if (groupIds.length > MAX_GROUP_IDS) throw new SandboxError(400, 'E0000093', 'Target count limit exceeded');
  for (const id of groupIds) if (!org.groups.has(id)) throw oktaErrors.notFound(id, 'UserGroup');
  return groupIds as string[];
}

/**
 * Adds a new user to the given groups. Everyone's members are computed from `org.users` (`memberIds`), so
 * it only gets its membership timestamp touched, as Okta does.
 */
export function addToGroups(org: SandboxOrg, user: OktaObject, groupIds: string[]): void {
  const at = timestamp();
  for (const group of org.groups.values()) if (group.type === 'BUILT_IN') group.lastMembershipUpdated = at;
  for (const groupId of new Set(groupIds)) {
    let members = org.memberships.get(groupId);
    if (!members) org.memberships.set(groupId, (members = new Set()));
    members.add(user.id);
    const group = org.groups.get(groupId)!;
    group.lastMembershipUpdated = at;
    org.log('group.user_membership.add', 'Add user to group membership', [userTarget(user), groupTarget(group)]);
  }
}

/** A deleted user leaves every group. */
export function removeFromAllGroups(org: SandboxOrg, user: OktaObject): void {
  for (const [groupId, members] of org.memberships) {
    if (members.delete(user.id)) {
      const group = org.groups.get(groupId);
      if (group) group.lastMembershipUpdated = timestamp();
    }
  }
}
