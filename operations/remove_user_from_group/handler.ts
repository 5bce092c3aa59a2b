import { changeMembership, checkMembershipChange, defineOperation } from '../../src/sdk';
import type { RemoveUserFromGroupInput, RemoveUserFromGroupOutput } from '../../src/sdk';

export default defineOperation<RemoveUserFromGroupInput, RemoveUserFromGroupOutput>(async (input, ctx) => {
  await changeMembership(ctx, 'remove', input.group_id, input.user_id);
  return { group_id: input.group_id, user_id: input.user_id, removed: true };
}, checkMembershipChange('remove'));
