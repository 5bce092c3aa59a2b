import { attributeSchema } from '../../src/okta/profile-schema';
import { groupEntries, groupOf } from '../../src/playground/browser/operation-groups';
import { resolveTemplates, setAt, templateFields } from '../../src/playground/browser/templates';
import { uiSchemaFor } from '../../src/playground/browser/ui-schema';
import { getRegistry } from '../../src/runtime/registry';

describe('lookup templates', () => {
  test('a whole-value template keeps the field type; an empty field is reported missing', () => {
    expect(resolveTemplates({ user_id: '{{{user_id}}}', fixed: true }, { user_id: '00u1' })).toEqual({ input: { user_id: '00u1', fixed: true }, missing: [] });
    expect(resolveTemplates({ n: '{{{count}}}' }, { count: 3 }).input).toEqual({ n: 3 });
    expect(resolveTemplates({ user_id: '{{{user_id}}}' }, { user_id: '' })).toEqual({ input: {}, missing: ['user_id'] });
    expect(resolveTemplates({ q: 'id eq "{{{a.b}}}"' }, { a: { b: 'x' } }).input).toEqual({ q: 'id eq "x"' });
  });

  test('templateFields and setAt', () => {
    expect(templateFields({ a: '{{{user_id}}}', b: '{{{ schema_id }}}-{{{user_id}}}', c: 1 })).toEqual(['user_id', 'schema_id']);
    expect(setAt({ profile: { a: 1 } }, 'profile.login', 'x')).toEqual({ profile: { a: 1, login: 'x' } });
  });

  test("every template in the connector's lookups names a sibling field of its schema", () => {
    for (const op of getRegistry().operations.values()) {
      const properties = (op.inputSchema.properties ?? {}) as Record<string, { lookup?: { input?: Record<string, unknown> } }>;
      for (const field of Object.values(properties)) {
        for (const name of templateFields(field.lookup?.input)) expect(`${op.meta.name}: ${name in properties ? name : `no field ${name}`}`).toBe(`${op.meta.name}: ${name}`);
      }
    }
  });
});

describe('operation groups', () => {
  test.each([
    ['add_user_to_group', 'Groups'],
    ['enroll_sms_factor', 'Factors'],
    ['get_user_schema', 'Schemas and types'],
    ['list_user_types_ddl', 'Schemas and types'],
    ['list_system_logs', 'System Log'],
    ['raw_http_request', 'Advanced'],
    ['list_apps', 'Applications'],
    ['create_user', 'Users'],
  ])('%s is in %s', (name, group) => expect(groupOf(name)).toBe(group));

  test('search matches every word in title or name', () => {
    const entries = [
      { name: 'get_user', title: 'Get user', description: 'd', kind: 'operation' as const },
      { name: 'list_groups', title: 'List groups', description: 'user', kind: 'operation' as const },
    ];
    expect(groupEntries(entries, 'get USER')).toEqual([{ group: 'Users', entries: [entries[0]] }]);
    expect(groupEntries(entries, 'nothing')).toEqual([]);
  });
});

test('the uiSchema follows format, lookup, enum_labels and required order', () => {
  const ui = uiSchemaFor({
    type: 'object',
    required: ['b'],
    properties: {
      a: { type: 'string', format: 'password' },
      b: { type: 'string', format: 'text' },
      c: { type: 'string', enum: ['x'], enum_labels: ['Ex'] },
      d: { type: 'array', items: { type: 'string', lookup: { operation: 'list_groups_ddl' } } },
    },
  });
  expect(ui).toMatchObject({
    'ui:order': ['b', '*'],
    a: { 'ui:widget': 'password' },
    b: { 'ui:widget': 'textarea' },
    c: { 'ui:enumNames': ['Ex'] },
    d: { items: { 'ui:widget': 'lookup', 'ui:options': { lookup: { operation: 'list_groups_ddl' } } } },
  });
});

describe("Okta attribute definitions as fields", () => {
  test('an enum with Okta oneOf titles gets enum_labels; nullable adds null to type and enum', () => {
    const region = { title: 'Region', type: 'string', enum: ['AMER', 'EMEA'], oneOf: [{ const: 'AMER', title: 'Americas' }] };
    expect(attributeSchema('region', region as never, false)).toEqual({ title: 'Region', description: 'Custom attribute region.', type: 'string', enum: ['AMER', 'EMEA'], enum_labels: ['Americas', 'EMEA'] });
    expect(attributeSchema('region', region as never, true)).toMatchObject({ type: ['string', 'null'], enum: ['AMER', 'EMEA', null], enum_labels: ['Americas', 'EMEA', '(none)'] });
  });

  test('arrays get typed items; unknown types and Okta-only formats fall back to what a form can show', () => {
    expect(attributeSchema('tags', { type: 'array', items: { type: 'integer' } } as never, false)).toMatchObject({ type: 'array', items: { type: 'integer', title: 'tags value' } });
    expect(attributeSchema('x', { type: 'weird', format: 'country-code' } as never, false)).toEqual({ title: 'x', description: 'Custom attribute x.', type: 'string' });
    expect(attributeSchema('e', { type: 'string', format: 'email' } as never, false).format).toBe('email');
  });
});
