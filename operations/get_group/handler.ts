import type { GetGroupInput, GetGroupOutput } from '../../src/generated/types';
import { oktaPath, singleRequest } from '../../src/operation';

export default singleRequest<GetGroupInput, GetGroupOutput>({
  request: (input) => ({ method: 'GET', path: oktaPath`/api/v1/groups/${input.group_id}` }),
  output: (response) => response.body,
});
