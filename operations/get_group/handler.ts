import { oktaPath, singleRequest } from '../../src/sdk';
import type { GetGroupInput, GetGroupOutput } from '../../src/sdk';

export default singleRequest<GetGroupInput, GetGroupOutput>({
  request: (input) => ({ method: 'GET', path: oktaPath`/api/v1/groups/${input.group_id}` }),
  output: (response) => response.body,
});
