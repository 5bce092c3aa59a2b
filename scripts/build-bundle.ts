/**
 * Writes dist/connector.bundle.json, what the platform loads: connector.json's metadata and every operation with
 * its metadata and fully dereferenced input/output schemas (no `$ref`, no `$id`), like Tray's connectors.json.
 */
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot, readJson } from '../src/paths';
import { OperationMeta, Registry } from '../src/registry';
import { dereferenceSchema } from './lib/dereference';
import { loadSchemaDocuments, Schema } from './lib/schema-documents';

export interface BundledOperation extends OperationMeta {
  input_schema: Schema;
  output_schema: Schema;
}

export type ConnectorBundle = Schema & { operations: BundledOperation[] };

export function buildBundle(root = packageRoot()): ConnectorBundle {
  // The registry refuses a malformed operation, so nothing half-made is bundled.
  const registry = new Registry(root);
  const docs = loadSchemaDocuments(root);
  const operations = [...registry.operations.values()].map(({ meta }) => ({
    ...meta,
    input_schema: dereferenceSchema(docs, `operations/${meta.name}/input.schema.json`),
    output_schema: dereferenceSchema(docs, `operations/${meta.name}/output.schema.json`),
  }));
  return { ...readJson<Schema>(path.join(root, 'connector.json')), operations };
}

if (require.main === module) {
  const root = packageRoot();
  const target = path.join(root, 'dist', 'connector.bundle.json');
  const bundle = buildBundle(root);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, `${JSON.stringify(bundle, null, 2)}\n`);
  console.log(`wrote ${path.relative(root, target)} (${bundle.operations.length} operations)`);
}
