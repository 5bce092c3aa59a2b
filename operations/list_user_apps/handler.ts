import { oktaPath, singleRequest } from '../../src/sdk';
import type { ListUserAppsInput, ListUserAppsOutput, OktaAppLink } from '../../src/sdk';

export default singleRequest<ListUserAppsInput, ListUserAppsOutput, OktaAppLink[]>({
  request: (input) => ({ method: 'GET', path: oktaPath`/api/v1/users/${input.user_id}/appLinks` }),
  output: (response) => ({ app_links: response.body ?? [] }),
});
