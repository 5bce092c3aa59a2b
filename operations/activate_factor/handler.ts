import type { ActivateFactorInput, ActivateFactorOutput } from '../../src/generated/types';
import { FACTOR_ACTIVATION_LIMITS } from '../../src/http/okta-errors';
import { oktaPath, singleRequest } from '../../src/operation';


export default singleRequest<ActivateFactorInput, ActivateFactorOutput>({
  request: (input) => ({
    method: 'POST',
    path: oktaPath`/api/v1/users/${input.user_id}/factors/${input.factor_id}/lifecycle/activate`,
    body: { passCode: input.pass_code },
    functionalLimits: FACTOR_ACTIVATION_LIMITS,
  }),
  output: (response) => response.body,
});
