import type { RemoveUserFromGroupInput, RemoveUserFromGroupOutput } from '../../src/generated/types';
import { changeMembership } from '../../src/group-membership';
import { defineOperation } from '../../src/operation';

export default defineOperation<RemoveUserFromGroupInput, RemoveUserFromGroupOutput>(async (input, ctx) => {
  await changeMembership(ctx, 'remove', input.group_id, input.user_id);
  return { group_id: input.group_id, user_id: input.user_id, removed: true };
});
