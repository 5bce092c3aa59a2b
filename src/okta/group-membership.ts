import { ConnectorError } from '../core/errors';
import { alreadyDone } from './safe-rerun';
import type { OktaGroup } from '../generated/types';
import { assertOktaGroup, notOktaGroupError } from './group-type';
import { oktaPath, OperationContext } from '../runtime/handler-kinds';

const CHANGES = {
  add: { method: 'PUT', action: 'add a user to this group', done: true, already: 'the user is already a member of this group' },
  remove: { method: 'DELETE', action: 'remove a user from this group', done: false, already: 'the user is not a member of this group' },
} as const;

/**
 * Whether the user is a member of the group, from the user's own group list (listUserGroups: one answer, no
 * paging parameters in Okta's spec); Okta cannot filter a group's members by user.
 */
async function isMember(ctx: OperationContext, groupId: string, userId: string): Promise<boolean> {
  const groups = (await ctx.request<OktaGroup[]>({ method: 'GET', path: oktaPath`/api/v1/users/${userId}/groups` })).body ?? [];
  return groups.some((group) => group.id === groupId);
}

/**
 * A membership change that is safe to run twice: the user's groups are read first, and when the user is
 * already where the change leads, nothing is sent (`changed: false`), or with `failIfUnchanged` it fails.
 */
export async function ensureMembership(
  ctx: OperationContext,
  change: keyof typeof CHANGES,
  input: { group_id: string; user_id: string; fail_if_unchanged?: boolean },
): Promise<{ changed: boolean }> {
  if ((await isMember(ctx, input.group_id, input.user_id)) === CHANGES[change].done) return alreadyDone(input, CHANGES[change].already, ['user_id']);
  await changeMembership(ctx, change, input.group_id, input.user_id);
  return { changed: true };
}

/**
 * Adds a user to, or removes one from, a group (Okta answers 204). Okta refuses membership changes on
 * groups that are not OKTA_GROUP with a bare 403 E0000006 (which reads like a missing permission), so on a
 * refusal the group is read and, if its type is the reason, the error says so. Otherwise, or if the group
 * cannot be read, Okta's original error is thrown. 400 is checked too: the built-in Everyone group answers
 * "Unsupported operation" (terraform-provider-okta#903), with a status Okta does not document.
 */
export async function changeMembership(ctx: OperationContext, change: keyof typeof CHANGES, groupId: string, userId: string): Promise<void> {
  const { method, action } = CHANGES[change];
  try {
    await ctx.request({ method, path: oktaPath`/api/v1/groups/${groupId}/users/${userId}` });
  } catch (error) {
    if (error instanceof ConnectorError && (error.status === 403 || error.status === 400)) {
      const group = await ctx.request<OktaGroup>({ method: 'GET', path: oktaPath`/api/v1/groups/${groupId}` }).then(
        (response) => response.body,
        () => undefined,
      );
      if (group?.type && group.type !== 'OKTA_GROUP') throw notOktaGroupError(group, action, error);
    }
    throw error;
  }
}

/** A dry run's check of a membership change: Okta changes members of OKTA_GROUP groups only. */
export function checkMembershipChange(change: keyof typeof CHANGES) {
  return async (input: { group_id: string }, ctx: OperationContext): Promise<void> => {
    const group = (await ctx.request<OktaGroup>({ method: 'GET', path: oktaPath`/api/v1/groups/${input.group_id}` })).body;
    assertOktaGroup(group, CHANGES[change].action);
  };
}
