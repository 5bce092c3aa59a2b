import { FACTOR_ACTIVATION_LIMITS, oktaPath, singleRequest } from '../../src/sdk';
import type { ActivateFactorInput, ActivateFactorOutput } from '../../src/sdk';

export default singleRequest<ActivateFactorInput, ActivateFactorOutput>({
  request: (input) => ({
    method: 'POST',
    path: oktaPath`/api/v1/users/${input.user_id}/factors/${input.factor_id}/lifecycle/activate`,
    body: { passCode: input.pass_code },
    functionalLimits: FACTOR_ACTIVATION_LIMITS,
  }),
  output: (response) => response.body,
});
