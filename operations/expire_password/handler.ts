import { alreadyDone, defineOperation, oktaPath, userInputError } from '../../src/sdk';
import type { ExpirePasswordInput, ExpirePasswordOutput, OktaUser } from '../../src/sdk';

/**
 * Okta has two endpoints: a plain expire (answers the user) and one that first sets a temporary password
 * (answers only that password, and can end the user's sessions).
 */
export default defineOperation<ExpirePasswordInput, ExpirePasswordOutput>(async (input, ctx) => {
  if (input.revoke_sessions && !input.temp_password) {
    throw userInputError('revoke_sessions works only with temp_password; to end the sessions on their own, use Clear user sessions', ['revoke_sessions']);
  }
  const user = (await ctx.request<OktaUser>({ method: 'GET', path: oktaPath`/api/v1/users/${input.user_id}` })).body;
  const result = { user_id: user.id, login: user.profile?.login ?? null, previous_status: user.status };
  const lifecycle = oktaPath`/api/v1/users/${user.id}/lifecycle`;

  if (input.temp_password) {
    const { body } = await ctx.request<{ tempPassword: string }>({
      method: 'POST',
      path: `${lifecycle}/expire_password_with_temp_password`,
      query: { revokeSessions: input.revoke_sessions },
    });
    return { ...result, changed: true, temp_password: body?.tempPassword };
  }
  if (user.status === 'PASSWORD_EXPIRED') return { ...result, ...alreadyDone(input, `the password of ${user.id} is already expired`, ['user_id']), user };
  const { body: expired } = await ctx.request<OktaUser>({ method: 'POST', path: `${lifecycle}/expire_password` });
  return { ...result, changed: true, user: expired };
});
