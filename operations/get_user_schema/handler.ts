import type { GetUserSchemaInput, GetUserSchemaOutput } from '../../src/generated/types';
import { defineOperation } from '../../src/operation';
import { DEFAULT_SCHEMA_ID, loadUserSchema } from '../../src/user-schema';

export default defineOperation<GetUserSchemaInput, GetUserSchemaOutput>((input, ctx) => loadUserSchema(ctx, input.schema_id ?? DEFAULT_SCHEMA_ID));
