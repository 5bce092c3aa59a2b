import { changeMembership, checkMembershipChange, defineOperation } from '../../src/sdk';
import type { AddUserToGroupInput, AddUserToGroupOutput } from '../../src/sdk';

export default defineOperation<AddUserToGroupInput, AddUserToGroupOutput>(async (input, ctx) => {
  await changeMembership(ctx, 'add', input.group_id, input.user_id);
  return { group_id: input.group_id, user_id: input.user_id, added: true };
}, checkMembershipChange('add'));
