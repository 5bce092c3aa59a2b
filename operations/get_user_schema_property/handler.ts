import { DEFAULT_SCHEMA_ID, defineOperation, findAttribute, loadUserSchema, unknownAttributeError } from '../../src/sdk';
import type { GetUserSchemaPropertyInput, GetUserSchemaPropertyOutput } from '../../src/sdk';

// Okta has no per-attribute endpoint: read the whole schema and pick the attribute.
export default defineOperation<GetUserSchemaPropertyInput, GetUserSchemaPropertyOutput>(async (input, ctx) => {
  const schemaId = input.schema_id ?? DEFAULT_SCHEMA_ID;
  const schema = await loadUserSchema(ctx, schemaId);
  const found = findAttribute(schema, input.property_name);
  if (!found) throw unknownAttributeError(input.property_name, schemaId, 'property_name', ['custom', 'base'], schema);
  return { name: input.property_name, origin: found.origin, definition: found.definition };
});
