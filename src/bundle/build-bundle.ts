/**
 * The platform bundle: connector.json's metadata and every operation with its metadata and fully dereferenced
 * input/output schemas (no `$ref`, no `$id`, `allOf` merged, every field typed), like Tray's connectors.json. Built by `npm run build` and served by
 * the service at `GET /connector`.
 */
import path from 'node:path';
import { readJson } from '../core/package-files';
import { OperationMeta, Registry } from '../runtime/registry';
import { getTriggerRegistry, TriggerMeta, TriggerRegistry } from '../triggers/trigger-registry';
import { dereferenceSchema } from './dereference';
import { rendererFriendly } from './renderer-friendly';
import { loadSchemaDocuments, Schema } from './schema-documents';

export interface BundledOperation extends OperationMeta {
  input_schema: Schema;
  output_schema: Schema;
}

export interface BundledTrigger extends TriggerMeta {
  input_schema: Schema;
  output_schema: Schema;
}

export type ConnectorBundle = Schema & { operations: BundledOperation[]; triggers: BundledTrigger[] };

/** Reads the registry's metadata only: compiling its schemas is the registry's job, done once. */
export function buildBundle(registry: Registry, triggers: TriggerRegistry = registry.root === getTriggerRegistry().root ? getTriggerRegistry() : new TriggerRegistry(registry.root)): ConnectorBundle {
  const docs = loadSchemaDocuments(registry.root);
  const operations = [...registry.operations.values()].map(({ meta }) => ({
    ...meta,
    input_schema: rendererFriendly(dereferenceSchema(docs, `operations/${meta.name}/input.schema.json`)),
    output_schema: rendererFriendly(dereferenceSchema(docs, `operations/${meta.name}/output.schema.json`)),
  }));
  const bundledTriggers = [...triggers.triggers.values()].map(({ meta }) => ({
    ...meta,
    input_schema: dereferenceSchema(docs, `triggers/${meta.name}/input.schema.json`),
    output_schema: dereferenceSchema(docs, `triggers/${meta.name}/output.schema.json`),
  }));
  return { ...readJson<Schema>(path.join(registry.root, 'connector.json')), operations, triggers: bundledTriggers };
}
