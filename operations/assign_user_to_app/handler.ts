import { alreadyDone, defineOperation, oktaPath, profileHas, readAssignment } from '../../src/sdk';
import type { AssignUserToAppInput, AssignUserToAppOutput, OktaAppUser } from '../../src/sdk';

/** The current assignment is read first, so a re-run that would change nothing sends nothing. */
export default defineOperation<AssignUserToAppInput, AssignUserToAppOutput>(async (input, ctx) => {
  const current = await readAssignment<OktaAppUser & { id: string }>(ctx, input.app_id, oktaPath`/api/v1/apps/${input.app_id}/users/${input.user_id}`);
  const result = { app_id: input.app_id, user_id: input.user_id };
  const sameUserName = input.user_name === undefined || current?.credentials?.userName === input.user_name;
  if (current?.scope === 'USER' && sameUserName && input.password === undefined && profileHas(current.profile, input.profile)) {
    return { ...result, ...alreadyDone(input, `user ${input.user_id} is already assigned to app ${input.app_id} with these values`, ['user_id']), app_user: current };
  }
  const credentials = input.user_name !== undefined || input.password !== undefined
    ? { userName: input.user_name, password: input.password === undefined ? undefined : { value: input.password } }
    : undefined;
  const { body } = await ctx.request<OktaAppUser>({
    method: 'POST',
    path: oktaPath`/api/v1/apps/${input.app_id}/users`,
    body: { id: input.user_id, scope: 'USER', credentials, profile: input.profile },
  });
  return { ...result, changed: true, app_user: body };
});
