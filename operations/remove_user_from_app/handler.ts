import { alreadyDone, ConnectorError, defineOperation, GROUP_GRANT_CODE, groupGrantError, oktaPath, readAssignment } from '../../src/sdk';
import type { OktaAppUser, RemoveUserFromAppInput, RemoveUserFromAppOutput } from '../../src/sdk';

/**
 * Okta refuses to unassign a user while a group grants them the app (403 E0000046, which reads like a missing
 * permission). A `scope: GROUP` app user is refused before sending; a direct assignment that a group also
 * grants is only known from Okta's refusal, which is then explained the same way.
 */
export default defineOperation<RemoveUserFromAppInput, RemoveUserFromAppOutput>(async (input, ctx) => {
  const path = oktaPath`/api/v1/apps/${input.app_id}/users/${input.user_id}`;
  const result = { app_id: input.app_id, user_id: input.user_id };
  const current = await readAssignment<OktaAppUser & { id: string }>(ctx, input.app_id, path);
  if (!current) return { ...result, ...alreadyDone(input, `app ${input.app_id} is not assigned to user ${input.user_id}`, ['user_id']) };
  if (current.scope === 'GROUP') throw groupGrantError(input.user_id, input.app_id);
  try {
    await ctx.request({ method: 'DELETE', path, query: { sendEmail: input.send_email } });
  } catch (error) {
    if (error instanceof ConnectorError && error.okta?.errorCode === GROUP_GRANT_CODE) throw groupGrantError(input.user_id, input.app_id, error);
    throw error;
  }
  return { ...result, changed: true };
});
