import { defineOperation, notFoundMeansDone, oktaPath } from '../../src/sdk';
import type { ResetFactorInput, ResetFactorOutput } from '../../src/sdk';

export default defineOperation<ResetFactorInput, ResetFactorOutput>(async (input, ctx) => {
  // Okta answers 204 without a body; a factor that is not there (404) is already reset.
  const changed = await ctx
    .request({
      method: 'DELETE',
      path: oktaPath`/api/v1/users/${input.user_id}/factors/${input.factor_id}`,
      query: { removeRecoveryEnrollment: input.remove_recovery_enrollment },
    })
    .then(() => true, (error: unknown) => notFoundMeansDone(error, input));
  return { user_id: input.user_id, factor_id: input.factor_id, reset: true, changed };
});
