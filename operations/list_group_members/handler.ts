import { listRequest, oktaPath } from '../../src/sdk';
import type { ListGroupMembersInput } from '../../src/sdk';

export default listRequest({
  itemsKey: 'users',
  request: (input: ListGroupMembersInput) => ({ method: 'GET', path: oktaPath`/api/v1/groups/${input.group_id}/users` }),
});
