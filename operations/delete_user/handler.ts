import { defineOperation, oktaPath, notFoundMeansDone } from '../../src/sdk';
import type { DeleteUserInput, DeleteUserOutput, OktaUser } from '../../src/sdk';

/**
 * Okta's DELETE only deletes a DEPROVISIONED user; on any other user it merely deactivates (also 204).
 * So read the status first, deactivate when needed, then delete: one step that really deletes.
 */
export default defineOperation<DeleteUserInput, DeleteUserOutput>(async (input, ctx) => {
  const user = await ctx.request<OktaUser>({ method: 'GET', path: oktaPath`/api/v1/users/${input.user_id}` }).then(
    (response) => response.body,
    (error: unknown) => notFoundMeansDone(error, input),
  );
  if (user === false) {
    // Already deleted (a re-run): nothing to do.
    return { user_id: input.user_id, login: null, previous_status: null, deactivated: false, deleted: false, changed: false };
  }
  const path = oktaPath`/api/v1/users/${user.id}`;
  const alreadyDeactivated = user.status === 'DEPROVISIONED';
  const result = { user_id: user.id, login: user.profile?.login ?? null, previous_status: user.status, deactivated: false, deleted: false, changed: true };

  if (alreadyDeactivated) {
    await ctx.request({ method: 'DELETE', path });
    return { ...result, deleted: true };
  }
  if (!input.deactivate_first) {
    await ctx.request({ method: 'DELETE', path, query: { sendEmail: input.send_email } });
    return { ...result, deactivated: true };
  }
  await ctx.request({ method: 'POST', path: `${path}/lifecycle/deactivate`, query: { sendEmail: input.send_email } });
  await ctx.request({ method: 'DELETE', path });
  return { ...result, deactivated: true, deleted: true };
});
