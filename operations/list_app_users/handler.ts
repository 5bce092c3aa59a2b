import { listRequest, oktaPath } from '../../src/sdk';
import type { ListAppUsersInput } from '../../src/sdk';

export default listRequest({
  itemsKey: 'app_users',
  request: (input: ListAppUsersInput) => ({
    method: 'GET',
    path: oktaPath`/api/v1/apps/${input.app_id}/users`,
    query: { q: input.q, expand: input.include_user ? 'user' : undefined },
  }),
});
