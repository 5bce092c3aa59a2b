import { alreadyDone, assertOktaGroup, defineOperation, oktaPath, readIfExists } from '../../src/sdk';
import type { DeleteGroupInput, DeleteGroupOutput, OktaGroup } from '../../src/sdk';

/** The group is read first: to refuse non-OKTA_GROUP groups before sending, and to see one already deleted. */
export default defineOperation<DeleteGroupInput, DeleteGroupOutput>(async (input, ctx) => {
  const path = oktaPath`/api/v1/groups/${input.group_id}`;
  const group = await readIfExists<OktaGroup>(ctx, path);
  if (!group) return { group_id: input.group_id, name: null, ...alreadyDone(input, `group ${input.group_id} does not exist (already deleted, or a wrong ID)`, ['group_id']) };
  assertOktaGroup(group, 'delete this group');
  await ctx.request({ method: 'DELETE', path });
  return { group_id: group.id, name: group.profile?.name ?? null, changed: true };
});
