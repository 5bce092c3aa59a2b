import { defineOperation, oktaPath } from '../../src/sdk';
import type { ClearUserSessionsInput, ClearUserSessionsOutput, OktaUser } from '../../src/sdk';

/** The sessions endpoint takes a user ID only, so the user (given by ID or login) is read first. */
export default defineOperation<ClearUserSessionsInput, ClearUserSessionsOutput>(async (input, ctx) => {
  const user = (await ctx.request<OktaUser>({ method: 'GET', path: oktaPath`/api/v1/users/${input.user_id}` })).body;
  await ctx.request({
    method: 'DELETE',
    path: oktaPath`/api/v1/users/${user.id}/sessions`,
    query: { oauthTokens: input.revoke_oauth_tokens, forgetDevices: input.forget_devices },
  });
  return { user_id: user.id, login: user.profile?.login ?? null, oauth_tokens_revoked: input.revoke_oauth_tokens === true };
});
