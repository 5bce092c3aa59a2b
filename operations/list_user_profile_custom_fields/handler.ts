import { customFields, defineOperation, loadUserSchema, resolveSchemaId } from '../../src/sdk';
import type { ListUserProfileCustomFieldsInput, ListUserProfileCustomFieldsOutput } from '../../src/sdk';

export default defineOperation<ListUserProfileCustomFieldsInput, ListUserProfileCustomFieldsOutput>(async (input, ctx) => {
  const schemaId = await resolveSchemaId(ctx, input);
  return { schema_id: schemaId, fields: customFields(await loadUserSchema(ctx, schemaId)) };
});
