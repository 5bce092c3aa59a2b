import { alreadyDone, defineOperation, oktaPath } from '../../src/sdk';
import type { OktaFactor, OktaUser, ResetFactorsInput, ResetFactorsOutput } from '../../src/sdk';

/** The factor endpoints take a user ID only: the user is read first, then their factors. */
export default defineOperation<ResetFactorsInput, ResetFactorsOutput>(async (input, ctx) => {
  const user = (await ctx.request<OktaUser>({ method: 'GET', path: oktaPath`/api/v1/users/${input.user_id}` })).body;
  const result = { user_id: user.id, login: user.profile?.login ?? null };
  const factors = (await ctx.request<OktaFactor[]>({ method: 'GET', path: oktaPath`/api/v1/users/${user.id}/factors` })).body ?? [];
  if (factors.length === 0) return { ...result, factors_reset: 0, ...alreadyDone(input, `${user.id} has no enrolled factor`, ['user_id']) };
  await ctx.request({ method: 'POST', path: oktaPath`/api/v1/users/${user.id}/lifecycle/reset_factors` });
  return { ...result, factors_reset: factors.length, changed: true };
});
