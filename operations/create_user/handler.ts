import { defineOperation, userInputError, userProfileSchemas, userWriteBody, withDynamicSchema } from '../../src/sdk';
import type { CreateUserInput, CreateUserOutput } from '../../src/sdk';

/** Okta answers these combinations with E0000124/E0000125 or a validation error: refuse them before sending. */
function checkCombinations(input: CreateUserInput): void {
  if (input.next_login && input.password === undefined) {
    throw userInputError('Invalid input: next_login "changePassword" needs a password (Okta E0000124)', ['next_login']);
  }
  if (input.next_login && !input.activate) {
    throw userInputError('Invalid input: next_login "changePassword" needs activate to be true (Okta E0000125)', ['next_login']);
  }
  if (input.auth_provider) {
    const conflicting = (['password', 'recovery_question', 'recovery_answer'] as const).filter((f) => input[f] !== undefined);
    if (conflicting.length > 0) {
      throw userInputError(`Invalid input: ${conflicting.join(', ')} cannot be set for a user of a ${input.auth_provider} authentication provider`, conflicting);
    }
  }
}

const createUser = defineOperation<CreateUserInput, CreateUserOutput>(async (input, ctx) => {
  checkCombinations(input);
  const body = { ...userWriteBody(input), groupIds: input.group_ids };
  if (input.auth_provider) body.credentials = { provider: { type: input.auth_provider, name: input.auth_provider } };
  const response = await ctx.request<CreateUserOutput>({
    method: 'POST',
    path: '/api/v1/users',
    query: { activate: input.activate, provider: input.auth_provider ? true : undefined, nextLogin: input.next_login },
    body,
  });
  return response.body;
});

// The profile gains the custom attributes of the picked user type (the default type until one is picked).
export default withDynamicSchema(createUser, userProfileSchemas({ input: 'create', output: true }));
