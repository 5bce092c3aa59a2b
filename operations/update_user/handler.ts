import { defineOperation, oktaPath, OperationContext, strictQuery, userInputError, userProfileSchemas, userWriteBody, withDynamicSchema } from '../../src/sdk';
import type { OktaUser, UpdateUserInput, UpdateUserOutput } from '../../src/sdk';

const CHANGES = ['profile', 'password', 'recovery_question', 'recovery_answer', 'type_id'] as const;

const ifMatch = (etag: string | undefined) => (etag ? { 'If-Match': etag } : undefined);

/**
 * Okta changes a user type only with a full PUT, which deletes every profile attribute it is not sent.
 * So: read the user, merge the changes into its current profile and PUT that, guarded by the read's ETag.
 */
async function replaceWithNewType(input: UpdateUserInput, ctx: OperationContext): Promise<OktaUser> {
  const current = await ctx.request<OktaUser>({ method: 'GET', path: oktaPath`/api/v1/users/${input.user_id}` });
  const { profile, credentials, type } = userWriteBody(input);
  const body = {
    profile: { ...current.body.profile, ...profile },
    credentials,
    type,
    realmId: current.body.realmId,
  };
  const response = await ctx.request<OktaUser>({
    method: 'PUT',
    path: oktaPath`/api/v1/users/${current.body.id}`,
    query: strictQuery(input, input.strict),
    headers: ifMatch(input.if_match ?? current.headers.etag),
    body,
  });
  return response.body;
}

const updateUser = defineOperation<UpdateUserInput, UpdateUserOutput>(async (input, ctx) => {
  if (CHANGES.every((field) => input[field] === undefined)) {
    throw userInputError('Invalid input: nothing to update: give profile, password, recovery_question with recovery_answer, or type_id', ['profile', 'password', 'recovery_question', 'type_id']);
  }
  if (input.type_id !== undefined) return replaceWithNewType(input, ctx);
  const response = await ctx.request<OktaUser>({
    method: 'POST',
    path: oktaPath`/api/v1/users/${input.user_id}`,
    query: strictQuery(input, input.strict),
    headers: ifMatch(input.if_match),
    body: userWriteBody(input),
  });
  return response.body;
});

// The profile gains the custom attributes of the new type, or of the picked user's current type.
export default withDynamicSchema(updateUser, userProfileSchemas({ input: 'update', output: true }));
