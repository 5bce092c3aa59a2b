import { oktaPath, singleRequest, userProfileSchemas, withDynamicSchema } from '../../src/sdk';
import type { GetUserInput, GetUserOutput } from '../../src/sdk';

const getUser = singleRequest<GetUserInput, GetUserOutput>({
  request: (input) => ({
    method: 'GET',
    path: oktaPath`/api/v1/users/${input.user_id}`,
    query: { expand: input.expand_blocks ? 'blocks' : undefined },
  }),
  output: (response) => response.body,
});

// The output's profile gains the custom attributes of the user's type.
export default withDynamicSchema(getUser, userProfileSchemas({ output: true }));
