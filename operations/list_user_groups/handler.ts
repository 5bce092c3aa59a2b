import { oktaPath, singleRequest } from '../../src/sdk';
import type { ListUserGroupsInput, ListUserGroupsOutput, OktaGroup } from '../../src/sdk';

export default singleRequest<ListUserGroupsInput, ListUserGroupsOutput, OktaGroup[]>({
  request: (input) => ({ method: 'GET', path: oktaPath`/api/v1/users/${input.user_id}/groups` }),
  output: (response) => ({ groups: response.body ?? [] }),
});
