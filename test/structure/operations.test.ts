import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dereferenceSchema } from '../../src/bundle/dereference';
import { loadSchemaDocuments, resolveRef, Schema } from '../../src/bundle/schema-documents';
import { readJson } from '../../src/core/package-files';
import { findLookups, getRegistry, Registry, Sample } from '../../src/runtime/registry';
import { VERSION } from '../../src/core/version';
import { generateDocs } from '../../scripts/generate-docs';


const registry = getRegistry();
const root = registry.root;
const operations = [...registry.operations.values()];
const docs = loadSchemaDocuments(root);
const derefInput = new Map(operations.map((op) => [op.meta.name, dereferenceSchema(docs, `operations/${op.meta.name}/input.schema.json`)]));
const byName = operations.map((op) => ({ name: op.meta.name, op }));

describe('the operation set', () => {
  const folders = fs.readdirSync(path.join(root, 'operations')).filter((f) => fs.statSync(path.join(root, 'operations', f)).isDirectory());

  test(`the registry loads every operation folder (${folders.length} now)`, () => {
    expect([...registry.operations.keys()].sort()).toEqual(folders.sort());
    console.log(`${folders.length} operations: ${operations.filter((o) => o.meta.type === 'public').length} public, ${operations.filter((o) => o.meta.type === 'ddl').length} DDL`);
  });

  test('what connector.json names is an operation folder', () => {
    const connector = readJson<{ rawHttp?: { operation: string } }>(path.join(root, 'connector.json'));
    const named = connector.rawHttp ? [connector.rawHttp.operation] : [];
    expect(named.filter((name) => !folders.includes(name))).toEqual([]);
  });
});

describe.each(byName)('$name', ({ name, op }) => {
  const samples = Object.entries(op.samples());

  test('has its files and samples', () => {
    for (const file of ['operation.json', 'input.schema.json', 'output.schema.json', 'handler.ts']) expect(fs.existsSync(path.join(op.dir, file)) ? file : `missing ${file}`).toBe(file);
    expect(samples.length).toBeGreaterThan(0);
  });

  test('operation.json is complete', () => {
    const meta = readJson<Record<string, unknown>>(path.join(op.dir, 'operation.json'));
    expect(meta).toEqual({
      name,
      title: expect.stringMatching(/\S/),
      description: expect.stringMatching(/\S/),
      type: expect.stringMatching(/^(public|ddl)$/),
      scopes: expect.any(Array),
      docs: expect.stringMatching(/^https:\/\/developer\.okta\.com\/docs\//),
    });
    // May be empty (raw HTTP; endpoints Okta grants no OAuth scope): test/contract.test.ts checks them against the spec.
    for (const scope of meta.scopes as unknown[]) expect(scope).toMatch(/^okta\.[A-Za-z]+\.(read|manage)$/);
  });

  test('input schema: closed root, every field titled and described', () => {
    expect(op.inputSchema.additionalProperties).toBe(false);
    expect(op.inputSchema.title).toMatch(/ Input$/);
    expect(op.outputSchema.title).toMatch(/ Output$/);
    expect(untitledFields(derefInput.get(name)!)).toEqual([]);
  });

  test('has a success sample and an error sample', () => {
    expect(samples.filter(([, s]) => s.output !== undefined).map(([k]) => k)).not.toEqual([]);
    expect(samples.filter(([, s]) => s.error !== undefined).map(([k]) => k)).not.toEqual([]);
    for (const [scenario, sample] of samples) expect([scenario, typeof sample.description, (sample.output === undefined) !== (sample.error === undefined)]).toEqual([scenario, 'string', true]);
  });

  const props = (derefInput.get(name)!.properties ?? {}) as Record<string, unknown>;
  if ('fetch_all' in props) {
    test('list operation: a sample walks from a page with rel="next" to a last page without one', () => {
      expect(samples.filter(([, s]) => walksToLastPage(s)).map(([k]) => k)).not.toEqual([]);
    });
  }

  test('lookups name DDL operations, with inputs they take and templates over fields that exist', () => {
    for (const { at, lookup } of lookupsOf(derefInput.get(name)!)) {
      const target = registry.get(lookup.operation);
      expect({ at, operation: lookup.operation, type: target?.meta.type }).toEqual({ at, operation: lookup.operation, type: 'ddl' });
      const takes = Object.keys((derefInput.get(lookup.operation)!.properties ?? {}) as object);
      for (const [key, value] of Object.entries(lookup.input ?? {})) {
        expect({ at, key, known: takes.includes(key) }).toEqual({ at, key, known: true });
        for (const [, field] of String(value).matchAll(/\{\{\{?\s*([\w.]+)\s*\}?\}\}/g)) expect({ at, field, known: field in props }).toEqual({ at, field, known: true });
      }
    }
  });

  if (op.meta.type === 'ddl') {
    test('DDL: output is the shared dropdown shape, and some field looks it up', () => {
      expect(refsIn(`operations/${name}/output.schema.json`, op.outputSchema)).toContain('schemas/ddl-output.schema.json');
      const users = operations.filter((other) => other.meta.name !== name && findLookups(derefInput.get(other.meta.name)).some((l) => l.operation === name));
      expect(users.map((u) => u.meta.name)).not.toEqual([]);
    });
  }
});

test('VERSION, package.json and connector.json agree', () => {
  const pkg = readJson<{ version: string }>(path.join(root, 'package.json'));
  const connector = readJson<{ version: string }>(path.join(root, 'connector.json'));
  expect({ source: VERSION, connector: connector.version }).toEqual({ source: pkg.version, connector: pkg.version });
});

describe('a malformed operation stops the registry, naming it', () => {
  let tmp: string;
  beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-connector-structure-'));
    for (const entry of ['schemas', 'connector.json', 'operations/get_user', 'operations/list_users_ddl']) {
      fs.cpSync(path.join(root, entry), path.join(tmp, entry), { recursive: true });
    }
  });
  afterEach(() => fs.rmSync(tmp, { recursive: true, force: true }));

  const editJson = (file: string, edit: (json: Schema) => void) => {
    const json = readJson<Schema>(path.join(tmp, file));
    edit(json);
    fs.writeFileSync(path.join(tmp, file), JSON.stringify(json));
  };

  test('the copy itself loads', () => {
    expect([...new Registry(tmp).operations.keys()]).toEqual(['get_user', 'list_users_ddl']);
  });

  test('a new operation is a new folder: the registry and the docs pick it up, no list to edit', () => {
    fs.cpSync(path.join(tmp, 'operations/get_user'), path.join(tmp, 'operations/get_user_again'), { recursive: true });
    editJson('operations/get_user_again/operation.json', (meta) => {
      meta.name = 'get_user_again';
      meta.title = 'Get User Again';
    });
    editJson('operations/get_user_again/input.schema.json', (schema) => {
      schema.$id = 'operations/get_user_again/input.schema.json';
    });
    editJson('operations/get_user_again/output.schema.json', (schema) => {
      schema.$id = 'operations/get_user_again/output.schema.json';
    });
    expect([...new Registry(tmp).operations.keys()]).toEqual(['get_user', 'get_user_again', 'list_users_ddl']);
    expect(generateDocs(tmp)).toContain('## Get User Again (`get_user_again`)');
  });

  test('a missing file', () => {
    fs.rmSync(path.join(tmp, 'operations/get_user/output.schema.json'));
    expect(() => new Registry(tmp)).toThrow(/"get_user".*missing output\.schema\.json/);
  });

  test('a schema that does not compile', () => {
    editJson('operations/get_user/input.schema.json', (schema) => {
      schema.properties = { user_id: { type: 'strng', title: 'User', description: 'x' } };
    });
    expect(() => new Registry(tmp)).toThrow(/"get_user".*input schema does not compile/);
  });

  test('a lookup naming no DDL', () => {
    editJson('operations/get_user/input.schema.json', (schema) => {
      (schema.properties as Record<string, Schema>).user_id.lookup = { operation: 'list_people_ddl', authRequired: true };
    });
    expect(() => new Registry(tmp)).toThrow(/"get_user".*list_people_ddl/);
  });

  test('a lookup naming a public operation', () => {
    fs.cpSync(path.join(root, 'operations/list_users'), path.join(tmp, 'operations/list_users'), { recursive: true });
    editJson('operations/get_user/input.schema.json', (schema) => {
      (schema.properties as Record<string, Schema>).user_id.lookup = { operation: 'list_users', authRequired: true };
    });
    expect(() => new Registry(tmp)).toThrow(/"get_user".*"list_users", which is not a DDL/);
  });

  test('operation.json naming another operation', () => {
    editJson('operations/get_user/operation.json', (meta) => {
      meta.name = 'fetch_user';
    });
    expect(() => new Registry(tmp)).toThrow(/"get_user".*fetch_user/);
  });
});

/** Paths of input fields (object properties at any depth) lacking a title or a description. */
function untitledFields(schema: Schema, at = ''): string[] {
  const props = (schema.properties ?? {}) as Record<string, Schema>;
  return Object.entries(props).flatMap(([key, field]) => {
    const where = at ? `${at}.${key}` : key;
    const own = typeof field.title === 'string' && field.title.trim() && typeof field.description === 'string' && field.description.trim() ? [] : [where];
    const nested = [field, ...((field.allOf ?? []) as Schema[]), (field.items ?? {}) as Schema].flatMap((node) => (node.properties ? untitledFields({ properties: node.properties }, where) : []));
    return [...own, ...nested];
  });
}

interface Lookup {
  operation: string;
  input?: Record<string, unknown>;
}

function lookupsOf(schema: unknown, at = ''): Array<{ at: string; lookup: Lookup }> {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Schema;
  const own = node.lookup && typeof (node.lookup as Lookup).operation === 'string' ? [{ at, lookup: node.lookup as Lookup }] : [];
  return [...own, ...Object.entries(node).flatMap(([key, child]) => (key === 'lookup' ? [] : lookupsOf(child, at ? `${at}.${key}` : key)))];
}

/** Schema documents a schema `$ref`s directly (ids from the package root). */
function refsIn(id: string, schema: unknown): string[] {
  if (!schema || typeof schema !== 'object') return [];
  return Object.entries(schema).flatMap(([key, value]) => (key === '$ref' && typeof value === 'string' ? [resolveRef(id, value).id] : refsIn(id, value)));
}

const nextLink = (headers: Record<string, string> = {}) =>
  Object.entries(headers).some(([name, value]) => name.toLowerCase() === 'link' && /rel="?next"?/.test(value));

/** A 2xx page carrying rel="next", then later a 2xx page of the same path without one. */
function walksToLastPage(sample: Sample): boolean {
  const pages = sample.exchanges.filter((e) => e.response.status >= 200 && e.response.status < 300);
  return pages.some((page, i) => nextLink(page.response.headers) && pages.slice(i + 1).some((later) => later.request.path === page.request.path && !nextLink(later.response.headers)));
}
