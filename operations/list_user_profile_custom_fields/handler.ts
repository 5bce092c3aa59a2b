import type { ListUserProfileCustomFieldsInput, ListUserProfileCustomFieldsOutput } from '../../src/generated/types';
import { defineOperation } from '../../src/operation';
import { customFields, loadUserSchema, resolveSchemaId } from '../../src/user-schema';

export default defineOperation<ListUserProfileCustomFieldsInput, ListUserProfileCustomFieldsOutput>(async (input, ctx) => {
  const schemaId = await resolveSchemaId(ctx, input);
  return { schema_id: schemaId, fields: customFields(await loadUserSchema(ctx, schemaId)) };
});
