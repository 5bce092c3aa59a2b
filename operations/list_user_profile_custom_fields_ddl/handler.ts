import { attributesOf, defineOperation, loadUserSchema, resolveSchemaId } from '../../src/sdk';
import type { ListUserProfileCustomFieldsDDLInput, ListUserProfileCustomFieldsDDLOutput } from '../../src/sdk';

export default defineOperation<ListUserProfileCustomFieldsDDLInput, ListUserProfileCustomFieldsDDLOutput>(async (input, ctx) => {
  const schema = await loadUserSchema(ctx, await resolveSchemaId(ctx, input));
  const options = (origin: 'custom' | 'base', suffix: string) =>
    Object.entries(attributesOf(schema, origin)).map(([name, attribute]) => ({ text: `${attribute.title ?? name}${suffix}`, value: name }));
  return { result: [...options('custom', ''), ...(input.include_base ? options('base', ' (base)') : [])] };
});
