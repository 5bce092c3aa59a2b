import { buildBundle, BundledOperation, ConnectorBundle } from '../bundle/build-bundle';
import { getRegistry } from '../runtime/registry';
import { describeOperation, OperationDescription } from '../runtime/dispatch';

export type CatalogEntry = OperationDescription;

/**
 * What the service serves about the connector, computed once per process: the platform bundle (schemas
 * dereferenced) and, per operation, the same dereferenced schemas plus its samples.
 */
export class ConnectorCatalog {
  private bundle?: ConnectorBundle;
  private byName?: Map<string, BundledOperation>;
  private readonly described = new Map<string, CatalogEntry>();

  constructor(private readonly load: () => ConnectorBundle = () => buildBundle(getRegistry())) {}

  connector(): ConnectorBundle {
    this.bundle ??= this.load();
    return this.bundle;
  }

  has(name: string): boolean {
    return this.operations().has(name);
  }

  /** Undefined for an unknown operation. */
  describe(name: string): CatalogEntry | undefined {
    const bundled = this.operations().get(name);
    if (!bundled) return undefined;
    let entry = this.described.get(name);
    if (!entry) {
      entry = { ...describeOperation(name), input_schema: bundled.input_schema, output_schema: bundled.output_schema };
      this.described.set(name, entry);
    }
    return entry;
  }

  private operations(): Map<string, BundledOperation> {
    this.byName ??= new Map(this.connector().operations.map((op) => [op.name, op]));
    return this.byName;
  }
}
