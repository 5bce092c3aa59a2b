import { checkMembershipChange, defineOperation, ensureMembership } from '../../src/sdk';
import type { RemoveUserFromGroupInput, RemoveUserFromGroupOutput } from '../../src/sdk';

export default defineOperation<RemoveUserFromGroupInput, RemoveUserFromGroupOutput>(async (input, ctx) => {
  const { changed } = await ensureMembership(ctx, 'remove', input);
  return { group_id: input.group_id, user_id: input.user_id, removed: true, changed };
}, checkMembershipChange('remove'));
