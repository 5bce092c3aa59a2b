import { checkMembershipChange, defineOperation, ensureMembership } from '../../src/sdk';
import type { AddUserToGroupInput, AddUserToGroupOutput } from '../../src/sdk';

export default defineOperation<AddUserToGroupInput, AddUserToGroupOutput>(async (input, ctx) => {
  const { changed } = await ensureMembership(ctx, 'add', input);
  return { group_id: input.group_id, user_id: input.user_id, added: true, changed };
}, checkMembershipChange('add'));
