import type { ListGroupMembersInput } from '../../src/generated/types';
import { listRequest, oktaPath } from '../../src/operation';

export default listRequest({
  itemsKey: 'users',
  request: (input: ListGroupMembersInput) => ({ method: 'GET', path: oktaPath`/api/v1/groups/${input.group_id}/users` }),
});
