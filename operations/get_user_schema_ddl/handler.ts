import { DEFAULT_SCHEMA_ID, defineOperation, schemaIdOfType } from '../../src/sdk';
import type { GetUserSchemaDDLInput, GetUserSchemaDDLOutput, OktaUserType } from '../../src/sdk';

const label = (type: OktaUserType) => type.displayName ?? type.name ?? type.id;

// `default` stands for the default type's schema and stays valid when a workflow moves to another org,
// so the default type is offered once, under that alias, and not again under its own `osc…` ID.
export default defineOperation<GetUserSchemaDDLInput, GetUserSchemaDDLOutput>(async (_input, ctx) => {
  // Okta does not page user types: one request returns them all.
  const types = (await ctx.request<OktaUserType[]>({ method: 'GET', path: '/api/v1/meta/types/user' })).body ?? [];
  const defaultType = types.find((type) => type.default === true);
  const others = types.flatMap((type) => {
    const value = type.default === true ? undefined : schemaIdOfType(type);
    return value ? [{ text: label(type), value }] : [];
  });
  return { result: [{ text: defaultType ? `Default (${label(defaultType)})` : 'Default', value: DEFAULT_SCHEMA_ID }, ...others] };
});
