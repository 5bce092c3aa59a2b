import { OktaObject, SandboxOrg } from '../core/org';
import { Route } from '../core/route-types';
import { memberIds, renderGroup } from '../groups/group-store';
import { requireUser } from './user-store';

/**
 * `GET /users/{id}/groups` (spec `listUserGroups`): every group the user is a member of, Everyone included.
 * The spec gives the endpoint no paging parameters, so the answer is one list.
 */
export function userMembershipRoutes(org: SandboxOrg): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v1/users/:id/groups',
      handle: (req) => {
        const user = requireUser(org, req.params.id);
        const groups = [...org.groups.values()].filter((group: OktaObject) => memberIds(org, group).includes(user.id));
        return { status: 200, body: groups.map((group) => renderGroup(org, group, req.baseUrl)) };
      },
    },
  ];
}
