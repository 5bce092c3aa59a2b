import { customFields, defineOperation, loadUserSchema, resolveSchemaId, unknownAttributeError } from '../../src/sdk';
import type { GetUserProfileCustomFieldInput, GetUserProfileCustomFieldOutput } from '../../src/sdk';

export default defineOperation<GetUserProfileCustomFieldInput, GetUserProfileCustomFieldOutput>(async (input, ctx) => {
  const schemaId = await resolveSchemaId(ctx, input);
  const schema = await loadUserSchema(ctx, schemaId);
  const field = customFields(schema).find((f) => f.name === input.field_name);
  if (!field) throw unknownAttributeError(input.field_name, schemaId, 'field_name', ['custom'], schema);
  return field;
});
