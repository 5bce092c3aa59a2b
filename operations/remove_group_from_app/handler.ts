import { alreadyDone, defineOperation, oktaPath, readAssignment } from '../../src/sdk';
import type { OktaAppGroupAssignment, RemoveGroupFromAppInput, RemoveGroupFromAppOutput } from '../../src/sdk';

export default defineOperation<RemoveGroupFromAppInput, RemoveGroupFromAppOutput>(async (input, ctx) => {
  const path = oktaPath`/api/v1/apps/${input.app_id}/groups/${input.group_id}`;
  const result = { app_id: input.app_id, group_id: input.group_id };
  if (!(await readAssignment<OktaAppGroupAssignment>(ctx, input.app_id, path))) {
    return { ...result, ...alreadyDone(input, `group ${input.group_id} is not assigned to app ${input.app_id}`, ['group_id']) };
  }
  await ctx.request({ method: 'DELETE', path });
  return { ...result, changed: true };
});
