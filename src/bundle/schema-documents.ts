import fs from 'node:fs';
import path from 'node:path';
import { readJson } from '../core/package-files';

export type Schema = Record<string, unknown>;

/** Every schema of the connector by its `$id` (which is its path from the package root). */
export function loadSchemaDocuments(root: string): Map<string, Schema> {
  const docs = new Map<string, Schema>();
  const add = (file: string) => {
    const schema = readJson<Schema>(file);
    const id = path.relative(root, file).split(path.sep).join('/');
    if (schema.$id !== id) throw new Error(`${id}: $id must equal the file path ("${String(schema.$id)}")`);
    docs.set(id, schema);
  };
  for (const f of fs.readdirSync(path.join(root, 'schemas')).sort()) if (f.endsWith('.schema.json')) add(path.join(root, 'schemas', f));
  for (const folder of ['operations', 'triggers']) {
    if (!fs.existsSync(path.join(root, folder))) continue;
    for (const name of fs.readdirSync(path.join(root, folder)).sort()) {
      for (const f of ['input.schema.json', 'output.schema.json']) {
        const file = path.join(root, folder, name, f);
        if (fs.existsSync(file)) add(file);
      }
    }
  }
  return docs;
}

/** Resolves a `$ref` written in document `baseId` to the target document id and JSON pointer. */
export function resolveRef(baseId: string, ref: string): { id: string; pointer: string } {
  const [file, pointer = ''] = ref.split('#');
  const id = file ? path.posix.normalize(path.posix.join(path.posix.dirname(baseId), file)) : baseId;
  return { id, pointer };
}

export function followPointer(schema: Schema, pointer: string): Schema {
  return pointer
    .split('/')
    .filter(Boolean)
    .reduce<Schema>((node, key) => {
      const next = node[key.replace(/~1/g, '/').replace(/~0/g, '~')];
      if (!next || typeof next !== 'object') throw new Error(`JSON pointer ${pointer} not found`);
      return next as Schema;
    }, schema);
}

/** Deep-maps every object node of a schema (children first). */
export function mapSchema(node: unknown, visit: (obj: Schema) => Schema): unknown {
  if (Array.isArray(node)) return node.map((child) => mapSchema(child, visit));
  if (!node || typeof node !== 'object') return node;
  const copy: Schema = {};
  for (const [key, value] of Object.entries(node)) copy[key] = mapSchema(value, visit);
  return visit(copy);
}
