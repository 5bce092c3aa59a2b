import { alreadyDone, defineOperation, oktaPath, profileHas, readAssignment } from '../../src/sdk';
import type { AssignGroupToAppInput, AssignGroupToAppOutput, OktaAppGroupAssignment } from '../../src/sdk';

/**
 * Okta's PUT replaces the assignment, so an existing one is read first: unchanged values are not sent again,
 * and profile attributes left out of the input keep their current values.
 */
export default defineOperation<AssignGroupToAppInput, AssignGroupToAppOutput>(async (input, ctx) => {
  const path = oktaPath`/api/v1/apps/${input.app_id}/groups/${input.group_id}`;
  const result = { app_id: input.app_id, group_id: input.group_id };
  const current = await readAssignment<OktaAppGroupAssignment>(ctx, input.app_id, path);
  if (current && (input.priority === undefined || input.priority === current.priority) && profileHas(current.profile, input.profile)) {
    return { ...result, ...alreadyDone(input, `group ${input.group_id} is already assigned to app ${input.app_id} with these values`, ['group_id']), assignment: current };
  }
  const priority = input.priority ?? current?.priority;
  const profile = current || input.profile ? { ...current?.profile, ...input.profile } : undefined;
  const { body } = await ctx.request<OktaAppGroupAssignment>({ method: 'PUT', path, body: { priority, profile } });
  return { ...result, changed: true, assignment: body };
});
