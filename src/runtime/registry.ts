import fs from 'node:fs';
import path from 'node:path';
import Ajv from 'ajv';
import { OperationHandler } from './handler-kinds';
import { packageRoot, readJson } from '../core/package-files';
import { createAjv, JsonSchema, loadSharedSchemas, ValidateFunction } from './schema-store';
import { Fixtures, loadFixtures, loadSamples, Sample } from './samples';

export type { Sample } from './samples';

export interface OperationMeta {
  name: string;
  title: string;
  description: string;
  type: 'public' | 'ddl';
  scopes: string[];
  docs?: string;
  /** The schemas that depend on the org: the handler's `schema()` returns what the org adds to them. */
  dynamic_schema?: Array<'input' | 'output'>;
}

export interface LoadedOperation {
  meta: OperationMeta;
  dir: string;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  validateInput: ValidateFunction;
  validateOutput: ValidateFunction;
  handler(): OperationHandler<unknown, unknown>;
  /** Its samples, expanded (defaults filled in, fixtures and `$lastResponseBody` resolved). */
  samples(): Record<string, Sample>;
}

const REQUIRED_FILES = ['operation.json', 'input.schema.json', 'output.schema.json'];

class RegistryError extends Error {
  constructor(operation: string, problem: string) {
    super(`Operation "${operation}" is malformed: ${problem}`);
  }
}

/** Every `lookup` keyword inside a schema, with where it sits. */
export function findLookups(schema: unknown, at = ''): Array<{ at: string; operation: string }> {
  if (!schema || typeof schema !== 'object') return [];
  const found: Array<{ at: string; operation: string }> = [];
  const node = schema as Record<string, unknown>;
  const lookup = node.lookup as { operation?: unknown } | undefined;
  if (lookup && typeof lookup === 'object' && typeof lookup.operation === 'string') found.push({ at, operation: lookup.operation });
  for (const [key, child] of Object.entries(node)) {
    if (key !== 'lookup' && child && typeof child === 'object') found.push(...findLookups(child, at ? `${at}.${key}` : key));
  }
  return found;
}

/**
 * Handlers are code: under ts-jest/tsx they are the .ts files beside the JSON, once built they are the
 * .js files in dist/operations. Resolving from this module's own location finds the right one either way.
 */
function handlerModule(name: string): string {
  return path.join(__dirname, '..', '..', 'operations', name, 'handler');
}

function loadOperation(ajv: Ajv, dir: string, eager: boolean, fixtures: () => Fixtures): LoadedOperation {
  const folder = path.basename(dir);
  for (const file of [...REQUIRED_FILES, 'handler.ts']) {
    const exists = fs.existsSync(path.join(dir, file)) || (file === 'handler.ts' && fs.existsSync(path.join(dir, 'handler.js')));
    if (!exists) throw new RegistryError(folder, `missing ${file}`);
  }
  const meta = readJson<OperationMeta>(path.join(dir, 'operation.json'));
  if (meta.name !== folder) throw new RegistryError(folder, `operation.json names "${meta.name}", the folder is "${folder}"`);
  const inputSchema = readJson<JsonSchema>(path.join(dir, 'input.schema.json'));
  const outputSchema = readJson<JsonSchema>(path.join(dir, 'output.schema.json'));
  const compile = (schema: JsonSchema, which: string) => {
    try {
      return ajv.compile(schema);
    } catch (error) {
      throw new RegistryError(folder, `${which} schema does not compile: ${(error as Error).message}`);
    }
  };
  let handler: OperationHandler<unknown, unknown> | undefined;
  let samples: Record<string, Sample> | undefined;
  let validateInput: ValidateFunction | undefined;
  let validateOutput: ValidateFunction | undefined;
  const operation: LoadedOperation = {
    meta,
    dir,
    inputSchema,
    outputSchema,
    // Compiled on first use in a lazy registry: a call pays only for its own operation's schemas.
    get validateInput() {
      validateInput ??= compile(inputSchema, 'input');
      return validateInput;
    },
    get validateOutput() {
      validateOutput ??= compile(outputSchema, 'output');
      return validateOutput;
    },
    handler() {
      // Loaded on first use: a call pays only for the handler it runs.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      handler ??= (require(handlerModule(folder)) as { default: OperationHandler<unknown, unknown> }).default;
      if (!handler || typeof handler.run !== 'function') throw new RegistryError(folder, 'handler has no default export with run()');
      return handler;
    },
    samples() {
      samples ??= loadSamples(dir, fixtures());
      return samples;
    },
  };
  if (eager) compileSchemas(operation);
  return operation;
}

function compileSchemas(op: LoadedOperation): void {
  void op.validateInput;
  void op.validateOutput;
}

/** An operation built ahead of time (the Lambda bundle): its files read and its validators compiled at build time. */
export interface PrebuiltOperation {
  meta: OperationMeta;
  validateInput: ValidateFunction;
  validateOutput: ValidateFunction;
  handler: OperationHandler<unknown, unknown>;
  /** Schemas and samples, read only when something describes the operation (a call never needs them). */
  details(): { inputSchema: JsonSchema; outputSchema: JsonSchema; samples: Record<string, Sample> };
}

function prebuiltOperation(op: PrebuiltOperation): LoadedOperation {
  return {
    meta: op.meta,
    dir: '',
    validateInput: op.validateInput,
    validateOutput: op.validateOutput,
    get inputSchema() {
      return op.details().inputSchema;
    },
    get outputSchema() {
      return op.details().outputSchema;
    },
    handler: () => op.handler,
    samples: () => op.details().samples,
  };
}

export interface RegistryOptions {
  /**
   * Compile every schema now (the default), so a malformed operation fails here. A lazy registry still reads
   * and checks every folder and lookup at once, but compiles an operation's schemas at its first call;
   * `validateRegistry()` compiles the rest (the service does it at start).
   */
  lazy?: boolean;
  /** Operations built ahead of time: nothing is read or compiled at run time (checked when they were built). */
  prebuilt?: PrebuiltOperation[];
}

export class Registry {
  readonly operations = new Map<string, LoadedOperation>();

  constructor(readonly root: string = packageRoot(), options: RegistryOptions = {}) {
    if (options.prebuilt) {
      for (const op of options.prebuilt) this.operations.set(op.meta.name, prebuiltOperation(op));
      return;
    }
    const ajv = createAjv();
    for (const schema of loadSharedSchemas(root)) ajv.addSchema(schema);
    let fixtures: Fixtures | undefined;
    const sharedFixtures = () => (fixtures ??= loadFixtures(root));
    const opsDir = path.join(root, 'operations');
    for (const name of fs.readdirSync(opsDir).sort()) {
      const dir = path.join(opsDir, name);
      if (fs.statSync(dir).isDirectory()) this.operations.set(name, loadOperation(ajv, dir, !options.lazy, sharedFixtures));
    }
    this.checkLookups();
  }

  private checkLookups(): void {
    for (const op of this.operations.values()) {
      for (const { at, operation } of findLookups(op.inputSchema)) {
        const target = this.operations.get(operation);
        if (!target || target.meta.type !== 'ddl') {
          throw new RegistryError(op.meta.name, `lookup at ${at} names "${operation}", which is not a DDL operation`);
        }
      }
    }
  }

  get(name: string): LoadedOperation | undefined {
    return this.operations.get(name);
  }

  /** Compiles every schema not compiled yet; throws on the first malformed one. */
  compileAll(): this {
    for (const op of this.operations.values()) compileSchemas(op);
    return this;
  }
}

let shared: Registry | undefined;

/** The registry calls use: lazy, so a process's first call does not compile all the other operations' schemas. */
export function getRegistry(): Registry {
  shared ??= new Registry(packageRoot(), { lazy: true });
  return shared;
}

/** Makes the calls of this process use operations built ahead of time (the Lambda bundle's entry does this). */
export function usePrebuiltRegistry(operations: PrebuiltOperation[]): void {
  shared = new Registry('', { prebuilt: operations });
}

/** Fails loudly, now, when any operation's schema does not compile (service start, tests). */
export function validateRegistry(): Registry {
  return getRegistry().compileAll();
}
