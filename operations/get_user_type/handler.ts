import { oktaPath, singleRequest } from '../../src/sdk';
import type { GetUserTypeInput, GetUserTypeOutput } from '../../src/sdk';

export default singleRequest<GetUserTypeInput, GetUserTypeOutput>({
  request: (input) => ({ method: 'GET', path: oktaPath`/api/v1/meta/types/user/${input.type_id}` }),
  output: (response) => response.body,
});
