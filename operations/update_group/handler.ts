import { assertOktaGroup, defineOperation, groupProfileFields, oktaPath, userInputError } from '../../src/sdk';
import type { OktaGroup, UpdateGroupInput, UpdateGroupOutput } from '../../src/sdk';

/** Okta only replaces whole group profiles (PUT), so the given fields are merged into the current profile. */
export default defineOperation<UpdateGroupInput, UpdateGroupOutput>(async (input, ctx) => {
  const changes = groupProfileFields(input);
  if (Object.keys(changes).length === 0) {
    throw userInputError('Nothing to update: give a name, a description or custom attributes', ['name', 'description', 'custom_profile']);
  }
  const path = oktaPath`/api/v1/groups/${input.group_id}`;
  const { body: group } = await ctx.request<OktaGroup>({ method: 'GET', path });
  assertOktaGroup(group, 'update this group');
  const { body: updated } = await ctx.request<OktaGroup>({ method: 'PUT', path, body: { profile: { ...group.profile, ...changes } } });
  return updated;
});
