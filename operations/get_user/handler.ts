import type { GetUserInput, GetUserOutput } from '../../src/generated/types';
import { oktaPath, singleRequest } from '../../src/operation';

export default singleRequest<GetUserInput, GetUserOutput>({
  request: (input) => ({
    method: 'GET',
    path: oktaPath`/api/v1/users/${input.user_id}`,
    query: { expand: input.expand_blocks ? 'blocks' : undefined },
  }),
  output: (response) => response.body,
});
