import { ConnectorError } from '../core/errors';
import { dynamicSchemaPatches, InvokeOptions } from '../runtime/dispatch';
import { SchemaPatch, SchemaSide } from '../runtime/handler-kinds';
import { getRegistry } from '../runtime/registry';
import { buildBundle, BundledOperation } from './build-bundle';
import { Schema } from './schema-documents';

const union = (a: unknown, b: string[] = []) => [...new Set([...(Array.isArray(a) ? (a as string[]) : []), ...b])];

/** The static schema with each patch's fields added at its place; the static schema is not changed. */
export function applySchemaPatches(schema: Schema, patches: SchemaPatch[]): Schema {
  const copy = structuredClone(schema);
  for (const patch of patches) {
    let node = copy;
    for (const key of patch.at) {
      const next = (node.properties as Record<string, Schema> | undefined)?.[key];
      if (!next || typeof next !== 'object') throw new ConnectorError('connector_error', `The schema has no object at ${patch.at.join('.')}`);
      node = next;
    }
    // The static definition of a field wins over the org's (its title and limits are the connector's own).
    node.properties = { ...patch.properties, ...(node.properties as Schema | undefined) };
    if (patch.required?.length) node.required = union(node.required, patch.required);
    if (patch.advanced?.length) node.advanced = union(node.advanced, patch.advanced).filter((key) => !(node.required as string[] | undefined)?.includes(key));
  }
  return copy;
}

let bundled: Map<string, BundledOperation> | undefined;

function staticSchema(name: string, side: SchemaSide): Schema {
  bundled ??= new Map(buildBundle(getRegistry()).operations.map((op) => [op.name, op]));
  const op = bundled.get(name);
  if (!op) throw new ConnectorError('user_input_error', `Unknown operation "${name}"`, { fields: ['operation'] });
  return side === 'input' ? op.input_schema : op.output_schema;
}

export interface ResolveSchemaOptions extends InvokeOptions {
  /** The bundled schema to start from (the service passes its catalog's, so the bundle is built once). */
  staticSchema?: Schema;
}

/**
 * An operation's input or output schema for one org, as the bundle renders it plus what the org adds (the custom
 * profile attributes of the user type picked in `input`). Operations without `dynamic_schema` get the bundle's.
 */
export async function resolveSchema(operation: string, side: SchemaSide, input: unknown, options: ResolveSchemaOptions): Promise<Schema> {
  const { staticSchema: given, ...invokeOptions } = options;
  const patches = await dynamicSchemaPatches(operation, side, input, invokeOptions);
  return applySchemaPatches(given ?? staticSchema(operation, side), patches);
}
