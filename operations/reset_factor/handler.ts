import { oktaPath, singleRequest } from '../../src/sdk';
import type { ResetFactorInput, ResetFactorOutput } from '../../src/sdk';

export default singleRequest<ResetFactorInput, ResetFactorOutput>({
  request: (input) => ({
    method: 'DELETE',
    path: oktaPath`/api/v1/users/${input.user_id}/factors/${input.factor_id}`,
    query: { removeRecoveryEnrollment: input.remove_recovery_enrollment },
  }),
  // Okta answers 204 without a body.
  output: (_response, input) => ({ user_id: input.user_id, factor_id: input.factor_id, reset: true }),
});
