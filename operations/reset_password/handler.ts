import { alreadyDone, defineOperation, oktaPath } from '../../src/sdk';
import type { OktaUser, ResetPasswordInput, ResetPasswordOutput } from '../../src/sdk';

export default defineOperation<ResetPasswordInput, ResetPasswordOutput>(async (input, ctx) => {
  const user = (await ctx.request<OktaUser>({ method: 'GET', path: oktaPath`/api/v1/users/${input.user_id}` })).body;
  const result = { user_id: user.id, login: user.profile?.login ?? null, previous_status: user.status };
  // An emailed reset is already under way for a user in RECOVERY; a link must be issued anew to be returned.
  if (input.send_email && user.status === 'RECOVERY') {
    return { ...result, ...alreadyDone(input, `a password reset of ${user.id} is already under way (status RECOVERY)`, ['user_id']) };
  }
  const { body } = await ctx.request<{ resetPasswordUrl?: string }>({
    method: 'POST',
    path: oktaPath`/api/v1/users/${user.id}/lifecycle/reset_password`,
    query: { sendEmail: input.send_email, revokeSessions: input.revoke_sessions },
  });
  return { ...result, changed: true, ...(body?.resetPasswordUrl ? { reset_password_url: body.resetPasswordUrl } : {}) };
});
