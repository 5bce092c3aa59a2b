import type { AddUserToGroupInput, AddUserToGroupOutput } from '../../src/generated/types';
import { changeMembership } from '../../src/group-membership';
import { defineOperation } from '../../src/operation';

export default defineOperation<AddUserToGroupInput, AddUserToGroupOutput>(async (input, ctx) => {
  await changeMembership(ctx, 'add', input.group_id, input.user_id);
  return { group_id: input.group_id, user_id: input.user_id, added: true };
});
