import { listRequest, oktaPath } from '../../src/sdk';
import type { ListAppGroupsInput } from '../../src/sdk';

export default listRequest({
  itemsKey: 'group_assignments',
  request: (input: ListAppGroupsInput) => ({
    method: 'GET',
    path: oktaPath`/api/v1/apps/${input.app_id}/groups`,
    query: { q: input.q, expand: input.include_group ? 'group' : undefined },
  }),
});
