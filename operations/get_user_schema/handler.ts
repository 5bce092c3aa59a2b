import { DEFAULT_SCHEMA_ID, defineOperation, loadUserSchema } from '../../src/sdk';
import type { GetUserSchemaInput, GetUserSchemaOutput } from '../../src/sdk';

export default defineOperation<GetUserSchemaInput, GetUserSchemaOutput>((input, ctx) => loadUserSchema(ctx, input.schema_id ?? DEFAULT_SCHEMA_ID));
