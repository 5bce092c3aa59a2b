import { oktaPath, singleRequest } from '../../src/sdk';
import type { GetFactorInput, GetFactorOutput } from '../../src/sdk';

export default singleRequest<GetFactorInput, GetFactorOutput>({
  request: (input) => ({ method: 'GET', path: oktaPath`/api/v1/users/${input.user_id}/factors/${input.factor_id}` }),
  output: (response) => response.body,
});
