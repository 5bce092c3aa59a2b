import fs from 'node:fs';
import path from 'node:path';
import { getRegistry } from '../../src/runtime/registry';
import { FIXTURE, fixturesDir, loadFixtures } from '../../src/runtime/samples';
import { createAjv, loadSharedSchemas } from '../../src/runtime/schema-store';

const registry = getRegistry();
const fixtures = loadFixtures(registry.root);
const kinds = fs.readdirSync(fixturesDir(registry.root)).sort();

/** Every `$fixture` name a written sample file refers to. */
function referencedFixtures(): Set<string> {
  const names = new Set<string>();
  const walk = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(walk);
    else if (value && typeof value === 'object') {
      const fixture = (value as Record<string, unknown>)[FIXTURE];
      if (typeof fixture === 'string') names.add(fixture);
      Object.values(value).forEach(walk);
    }
  };
  for (const op of registry.operations.values()) {
    const dir = path.join(op.dir, 'samples');
    for (const file of fs.existsSync(dir) ? fs.readdirSync(dir) : []) if (file.endsWith('.json')) walk(JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')));
  }
  for (const body of fixtures.values()) walk(body);
  return names;
}

test('every fixture is used by some sample', () => {
  const used = referencedFixtures();
  expect([...fixtures.keys()].filter((name) => !used.has(name))).toEqual([]);
});

describe.each(kinds)('fixtures of kind %s', (kind) => {
  // Each kind is a resource with a shared schema of the same name: a fixture is an Okta body of that kind.
  const schemaId = `schemas/${kind}.schema.json`;
  test(`are ${schemaId} bodies`, () => {
    const ajv = createAjv();
    for (const schema of loadSharedSchemas(registry.root)) ajv.addSchema(schema);
    const validate = ajv.getSchema(schemaId);
    expect(validate ? schemaId : `no ${schemaId}`).toBe(schemaId);
    for (const [name, body] of fixtures) {
      if (!name.startsWith(`${kind}/`)) continue;
      validate!(structuredClone(body));
      expect({ name, errors: validate!.errors ?? [] }).toEqual({ name, errors: [] });
    }
  });
});
