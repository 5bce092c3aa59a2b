import { oktaPath, singleRequest, strictQuery, userWriteBody } from '../../src/sdk';
import type { SetUserPasswordInput, SetUserPasswordOutput } from '../../src/sdk';

// A partial update (POST) carrying only the password: a PUT would wipe the profile.
export default singleRequest<SetUserPasswordInput, SetUserPasswordOutput>({
  request: (input) => ({
    method: 'POST',
    path: oktaPath`/api/v1/users/${input.user_id}`,
    query: strictQuery(input, input.strict),
    body: userWriteBody({ password: input.password }),
  }),
  output: (response) => response.body,
});
