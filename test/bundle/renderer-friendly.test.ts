import { buildBundle } from '../../src/bundle/build-bundle';
import { impliedType, rendererFriendly } from '../../src/bundle/renderer-friendly';
import { getRegistry } from '../../src/runtime/registry';

const bundle = buildBundle(getRegistry());
const op = (name: string) => bundle.operations.find((o) => o.name === name)!;

/** Every field (a property or array item) below a schema, with where it sits. */
function fields(node: any, at: string): Array<{ at: string; node: any }> {
  if (!node || typeof node !== 'object') return [];
  const children: Array<{ at: string; node: any }> = [];
  for (const [name, child] of Object.entries<any>(node.properties ?? {})) children.push({ at: `${at}.${name}`, node: child });
  if (node.items && !Array.isArray(node.items)) children.push({ at: `${at}[]`, node: node.items });
  for (const key of ['anyOf', 'oneOf', 'allOf']) (node[key] ?? []).forEach((branch: any, i: number) => children.push(...fields(branch, `${at}<${key}${i}>`)));
  return children.flatMap((child) => [child, ...fields(child.node, child.at)]);
}

test('no schema in the bundle keeps an allOf, and every field has a type', () => {
  const problems = bundle.operations.flatMap((o) =>
    (['input_schema', 'output_schema'] as const).flatMap((side) => [
      ...(JSON.stringify(o[side]).includes('"allOf"') ? [`${o.name}.${side}: allOf`] : []),
      ...fields(o[side], `${o.name}.${side}`).filter((f) => f.node.type === undefined).map((f) => `${f.at}: no type`),
    ]),
  );
  expect(problems).toEqual([]);
});

test("create_user's profile shows the base attributes beside its own, its own definitions first", () => {
  const profile = op('create_user').input_schema.properties as any;
  expect(Object.keys(profile.profile.properties)).toEqual(expect.arrayContaining(['login', 'email', 'mobilePhone', 'department', 'manager']));
  expect(Object.keys(profile.profile.properties).length).toBeGreaterThan(25);
  expect(profile.profile.properties.login).toMatchObject({ title: 'Login', type: 'string', minLength: 5, maxLength: 100 });
  expect(profile.profile.required).toEqual(['login', 'email', 'firstName', 'lastName']);
});

test('a wrapped $ref keeps the wrapper title and gains the type of its target', () => {
  const phone = (op('enroll_sms_factor').input_schema.properties as any).phone_number;
  expect(phone).toMatchObject({ title: 'Phone number', type: 'string', pattern: expect.any(String) });
});

test('contradicting members stay an allOf; data that looks like a schema is left alone', () => {
  const contradiction = { allOf: [{ type: 'string' }, { type: 'integer' }] };
  expect(rendererFriendly({ properties: { x: contradiction } })).toEqual({ type: 'object', properties: { x: contradiction } });
  const data = { type: 'object', properties: { a: { type: 'string', default: { properties: { b: {} } }, enum: [{ const: 1 }] } } };
  expect(rendererFriendly(data)).toEqual(data);
});

test.each([
  [{ const: 'x' }, 'string'],
  [{ enum: [1, 2.5] }, 'number'],
  [{ anyOf: [{ type: 'string' }, { type: 'null' }] }, ['string', 'null']],
  [{ oneOf: [{ type: 'string' }, {}] }, undefined],
  [{ properties: {} }, 'object'],
  [{ items: {} }, 'array'],
  [{}, undefined],
])('implied type of %j is %j', (schema, type) => {
  expect(impliedType(schema)).toEqual(type);
});
