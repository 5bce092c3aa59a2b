import type { ActivateFactorInput, ActivateFactorOutput } from '../../src/generated/types';
import { oktaPath, singleRequest } from '../../src/operation';

// Five activation attempts per factor in five minutes, then E0000047 (the code of the rate-limit buckets):
// a bucket reset does not lift it, so it is not retried and the caller is told to wait out the window.
const ACTIVATION_WINDOW_SECONDS = 300;

export default singleRequest<ActivateFactorInput, ActivateFactorOutput>({
  request: (input) => ({
    method: 'POST',
    path: oktaPath`/api/v1/users/${input.user_id}/factors/${input.factor_id}/lifecycle/activate`,
    body: { passCode: input.pass_code },
    functionalLimits: { E0000047: ACTIVATION_WINDOW_SECONDS },
  }),
  output: (response) => response.body,
});
