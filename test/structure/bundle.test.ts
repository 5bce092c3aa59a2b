import { buildBundle } from '../../src/bundle/build-bundle';
import { dereferenceSchema } from '../../src/bundle/dereference';
import { readJson } from '../../src/core/package-files';
import { getRegistry } from '../../src/runtime/registry';
import { createAjv } from '../../src/runtime/schema-store';

const registry = getRegistry();
const bundle = buildBundle(registry);
const bundled = new Map(bundle.operations.map((op) => [op.name, op]));

/** Every key path in a JSON value where `key` is used (as a keyword or a property name alike). */
function keyPaths(node: unknown, key: string, at = '#'): string[] {
  if (!node || typeof node !== 'object') return [];
  return Object.entries(node).flatMap(([k, v]) => [...(k === key ? [`${at}/${k}`] : []), ...keyPaths(v, key, `${at}/${k}`)]);
}

test('carries connector.json metadata', () => {
  const { name, title, version, auth } = readJson<Record<string, unknown>>(`${registry.root}/connector.json`);
  expect(bundle).toMatchObject({ name, title, version, auth });
});

test('has every operation, with its metadata', () => {
  expect(bundle.operations.map((op) => op.name)).toEqual([...registry.operations.keys()]);
  for (const op of registry.operations.values()) expect(bundled.get(op.meta.name)).toMatchObject(op.meta);
});

test('has no $ref and no $id anywhere', () => {
  expect(keyPaths(bundle, '$ref')).toEqual([]);
  expect(keyPaths(bundle, '$id')).toEqual([]);
});

describe('dereferencing', () => {
  const docs = new Map<string, Record<string, unknown>>([
    ['a.schema.json', { $id: 'a.schema.json', definitions: { x: { type: 'string', title: 'X' } }, properties: { x: { $ref: '#/definitions/x' }, b: { $ref: 'b.schema.json' } } }],
    ['b.schema.json', { $id: 'b.schema.json', $schema: 'http://json-schema.org/draft-07/schema#', type: 'object', properties: { definitions: { type: 'object' } } }],
    ['loop.schema.json', { $id: 'loop.schema.json', properties: { self: { $ref: 'loop.schema.json' } } }],
    ['sibling.schema.json', { $id: 'sibling.schema.json', properties: { s: { $ref: 'b.schema.json', title: 'S' } } }],
    ['dangling.schema.json', { $id: 'dangling.schema.json', properties: { s: { $ref: 'c.schema.json' } } }],
  ]);

  test('inlines local and cross-document refs, dropping document keywords but not properties that share their names', () => {
    expect(dereferenceSchema(docs, 'a.schema.json')).toEqual({
      properties: { x: { type: 'string', title: 'X' }, b: { type: 'object', properties: { definitions: { type: 'object' } } } },
    });
  });

  test.each([
    ['loop.schema.json', /circular/],
    ['sibling.schema.json', /sibling/],
    ['dangling.schema.json', /names no known schema/],
  ])('refuses %s', (id, message) => {
    expect(() => dereferenceSchema(docs, id)).toThrow(message);
  });
});

const cases = [...registry.operations.values()].map((op) => ({ name: op.meta.name, op }));

describe.each(cases)('$name', ({ name, op }) => {
  const ajv = createAjv();
  const { input_schema, output_schema } = bundled.get(name)!;
  const validateInput = ajv.compile(input_schema);
  const validateOutput = ajv.compile(output_schema);
  const samples = Object.entries(op.samples());

  test.each(samples)('dereferenced schemas judge sample %s as the registry does', (_scenario, sample) => {
    // Same verdict on the input (valid samples and invalid-input samples alike), and the output still fits.
    expect(validateInput(structuredClone(sample.input))).toBe(op.validateInput(structuredClone(sample.input)));
    if (sample.output !== undefined) {
      expect(validateOutput(structuredClone(sample.output))).toBe(true);
    }
  });
});
