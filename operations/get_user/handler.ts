import { oktaPath, singleRequest } from '../../src/sdk';
import type { GetUserInput, GetUserOutput } from '../../src/sdk';

export default singleRequest<GetUserInput, GetUserOutput>({
  request: (input) => ({
    method: 'GET',
    path: oktaPath`/api/v1/users/${input.user_id}`,
    query: { expand: input.expand_blocks ? 'blocks' : undefined },
  }),
  output: (response) => response.body,
});
