import fs from 'node:fs';
import path from 'node:path';
import { packageRoot, readJson } from '../core/package-files';
import { findLookups, getRegistry } from '../runtime/registry';
import { createAjv, JsonSchema, loadSharedSchemas, ValidateFunction } from '../runtime/schema-store';
import { TriggerHandler } from './trigger-kinds';

export interface TriggerMeta {
  name: string;
  title: string;
  description: string;
  /** `webhook`: create / request / destroy. `polling`: poll. */
  kind: 'webhook' | 'polling';
  scopes: string[];
  docs: string;
}

/** One recorded step of a trigger sample: the input or state, the Okta exchanges, the result. */
export interface TriggerSample {
  description: string;
  step: 'create' | 'request' | 'destroy' | 'poll';
  input?: unknown;
  state?: unknown;
  checkpoint?: string;
  /** create: the delivery URL and the secret the runtime would have generated. */
  delivery_url?: string;
  secret?: string;
  /** request: the HTTP request that arrived; `seen` lists event ids already received before it. */
  request?: { method: string; headers: Record<string, string>; body?: unknown };
  seen?: string[];
  exchanges: Array<{
    request: { method: string; path: string; query?: Record<string, string | string[]>; body?: unknown };
    response: { status: number; headers?: Record<string, string>; body?: unknown };
  }>;
  output?: unknown;
  error?: Record<string, unknown>;
}

export interface LoadedTrigger {
  meta: TriggerMeta;
  dir: string;
  inputSchema: JsonSchema;
  outputSchema: JsonSchema;
  validateInput: ValidateFunction;
  validateOutput: ValidateFunction;
  handler(): TriggerHandler;
  samples(): Record<string, TriggerSample>;
}

const FILES = ['trigger.json', 'input.schema.json', 'output.schema.json'];

function loadTrigger(compile: (schema: JsonSchema) => ValidateFunction, dir: string): LoadedTrigger {
  const folder = path.basename(dir);
  for (const file of FILES) if (!fs.existsSync(path.join(dir, file))) throw new Error(`Trigger "${folder}" is malformed: missing ${file}`);
  const meta = readJson<TriggerMeta>(path.join(dir, 'trigger.json'));
  if (meta.name !== folder) throw new Error(`Trigger "${folder}" is malformed: trigger.json names "${meta.name}"`);
  const inputSchema = readJson<JsonSchema>(path.join(dir, 'input.schema.json'));
  const outputSchema = readJson<JsonSchema>(path.join(dir, 'output.schema.json'));
  for (const { at, operation } of findLookups(inputSchema)) {
    if (getRegistry().get(operation)?.meta.type !== 'ddl') throw new Error(`Trigger "${folder}": lookup at ${at} names "${operation}", which is not a DDL operation`);
  }
  let handler: TriggerHandler | undefined;
  let samples: Record<string, TriggerSample> | undefined;
  let validateInput: ValidateFunction | undefined;
  let validateOutput: ValidateFunction | undefined;
  return {
    meta,
    dir,
    inputSchema,
    outputSchema,
    // Compiled on first use, as operations are: building the bundle reads the schemas without compiling them.
    get validateInput() {
      validateInput ??= compile(inputSchema);
      return validateInput;
    },
    get validateOutput() {
      validateOutput ??= compile(outputSchema);
      return validateOutput;
    },
    handler() {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      handler ??= (require(path.join(__dirname, '..', '..', 'triggers', folder, 'handler')) as { default: TriggerHandler }).default;
      return handler;
    },
    samples() {
      const sampleDir = path.join(dir, 'samples');
      samples ??= Object.fromEntries(
        (fs.existsSync(sampleDir) ? fs.readdirSync(sampleDir) : [])
          .filter((f) => f.endsWith('.json'))
          .sort()
          .map((f) => [f.replace(/\.json$/, ''), readJson<TriggerSample>(path.join(sampleDir, f))]),
      );
      return samples;
    },
  };
}

/** The triggers/ folders, loaded and their schemas compiled (once per process). */
export class TriggerRegistry {
  readonly triggers = new Map<string, LoadedTrigger>();

  constructor(readonly root: string = packageRoot()) {
    const ajv = createAjv();
    for (const schema of loadSharedSchemas(root)) ajv.addSchema(schema);
    const dir = path.join(root, 'triggers');
    if (!fs.existsSync(dir)) return;
    for (const name of fs.readdirSync(dir).sort()) {
      if (fs.statSync(path.join(dir, name)).isDirectory()) this.triggers.set(name, loadTrigger((schema) => ajv.compile(schema), path.join(dir, name)));
    }
  }

  get(name: string): LoadedTrigger | undefined {
    return this.triggers.get(name);
  }

  /** Compiles every trigger schema now; throws on the first malformed one (service start). */
  compileAll(): this {
    for (const trigger of this.triggers.values()) void [trigger.validateInput, trigger.validateOutput];
    return this;
  }
}

let shared: TriggerRegistry | undefined;

export function getTriggerRegistry(): TriggerRegistry {
  shared ??= new TriggerRegistry();
  return shared;
}
