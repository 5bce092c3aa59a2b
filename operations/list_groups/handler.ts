import { listRequest } from '../../src/sdk';
import type { ListGroupsInput } from '../../src/sdk';

export default listRequest({
  itemsKey: 'groups',
  request: (input: ListGroupsInput) => ({
    method: 'GET',
    path: '/api/v1/groups',
    query: { search: input.search, filter: input.filter, q: input.q, expand: input.expand, sortBy: input.sort_by, sortOrder: input.sort_order },
  }),
});
