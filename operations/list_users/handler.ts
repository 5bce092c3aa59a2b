import { listRequest } from '../../src/sdk';
import type { ListUsersInput } from '../../src/sdk';

export default listRequest({
  itemsKey: 'users',
  request: (input: ListUsersInput) => ({
    method: 'GET',
    path: '/api/v1/users',
    query: { search: input.search, filter: input.filter, q: input.q, sortBy: input.sort_by, sortOrder: input.sort_order },
  }),
});
