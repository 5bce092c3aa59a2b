import { oktaErrors, SandboxError } from '../core/okta-error-bodies';
import { groupTarget, memberIds, requireGroup, userTarget } from './group-store';
import { timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';
import { pageOf } from '../core/paging';
import { Route, SandboxRequest } from '../core/route-types';

/** Okta's default page size here is 1000 "for historical reasons"; the spec recommends asking for 200 (docs/OKTA-NOTES.md#group-members). */
const MEMBERS = { defaultLimit: 1000, maxLimit: 1000 };

/** The built-in Everyone group answers "Unsupported operation" (terraform-provider-okta#903). */
const unsupported = () => new SandboxError(400, 'E0000060', 'Unsupported operation.');

/**
 * The group and user of a membership change. Both must exist (the user by id only, not login: 404 E0000007);
 * only OKTA_GROUP memberships can be changed: APP_GROUP members come from their directory (403 E0000006).
 */
function membershipTarget(org: SandboxOrg, req: SandboxRequest): { group: OktaObject; user: OktaObject; members: Set<string> } {
  const group = requireGroup(org, req.params.groupId);
  const user = org.users.get(req.params.userId);
  if (!user) throw oktaErrors.notFound(req.params.userId, 'User');
  if (group.type === 'BUILT_IN') throw unsupported();
  if (group.type !== 'OKTA_GROUP') throw oktaErrors.forbidden();
  let members = org.memberships.get(group.id);
  if (!members) org.memberships.set(group.id, (members = new Set()));
  return { group, user, members };
}

const userLinks = (user: OktaObject, baseUrl: string) => ({ ...structuredClone(user), _links: { self: { href: `${baseUrl}/api/v1/users/${user.id}` } } });

export function groupMembershipRoutes(org: SandboxOrg): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v1/groups/:groupId/users',
      handle: (req) => {
        const group = requireGroup(org, req.params.groupId);
        const page = pageOf(req, memberIds(org, group), (id) => id, MEMBERS);
        return { ...page, body: (page.body as string[]).map((id) => userLinks(org.users.get(id)!, req.baseUrl)) };
      },
    },
    {
      method: 'PUT',
      pattern: '/api/v1/groups/:groupId/users/:userId',
      handle: (req) => {
        const { group, user, members } = membershipTarget(org, req);
        // Re-adding a member is a no-op that still answers 204 (PUT semantics).
        if (!members.has(user.id)) {
          members.add(user.id);
          group.lastMembershipUpdated = timestamp();
          org.log('group.user_membership.add', 'Add user to group membership', [userTarget(user), groupTarget(group)]);
        }
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      pattern: '/api/v1/groups/:groupId/users/:userId',
      handle: (req) => {
        const { group, user, members } = membershipTarget(org, req);
        // Removing a user who is not a member answers 204 too: the end state is the one asked for.
        if (members.delete(user.id)) {
          group.lastMembershipUpdated = timestamp();
          org.log('group.user_membership.remove', 'Remove user from group membership', [userTarget(user), groupTarget(group)]);
        }
        return { status: 204 };
      },
    },
  ];
}
