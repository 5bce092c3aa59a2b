import { resolveAuth } from '../auth';
import { CallOptions } from '../core/call-options';
import { asConnectorError, ConnectorError } from '../core/errors';
import { scopeFor } from '../http/call-scope';
import { clientFor } from '../http/client-pool';
import { paginate } from '../http/paginate';
import { isOAuthAuth } from '../auth/oauth';
import { configuredScopes } from '../auth/oauth/scopes';
import { DryRun, missingScopesError } from './dry-run';
import { copyInput } from './input-copy';
import { OperationContext, SchemaPatch, SchemaSide } from './handler-kinds';
import { getRegistry, LoadedOperation, OperationMeta, Sample } from './registry';
import { inputError } from './validation';
import { assertWithinLimits } from './input-limits';

export interface InvokeOptions extends CallOptions {
  auth: unknown;
}

function operationOrThrow(name: string): LoadedOperation {
  const op = typeof name === 'string' ? getRegistry().get(name) : undefined;
  if (!op) throw new ConnectorError('user_input_error', `Unknown operation "${String(name)}"`, { fields: ['operation'] });
  return op;
}

/** Validates a copy of the input, filling schema defaults, so the caller's object is never changed. */
export function validatedInput(op: LoadedOperation, input: unknown): unknown {
  // The library gets the same bounds as the service's edge: no input nests, widens or stretches past them.
  assertWithinLimits(input, undefined, 'input');
  const copy = input === undefined ? {} : copyInput(input);
  if (!op.validateInput(copy)) throw inputError(op.validateInput.errors);
  return copy;
}

/** What a handler gets: requests through the org's shared client, within this call's scope. */
function contextFor(client: ReturnType<typeof clientFor>, scope: ReturnType<typeof scopeFor>): OperationContext {
  return {
    request: (request) => client.request(request, scope, 'operation'),
    list: (request, paging, listOptions) => paginate(client, scope, request, paging, listOptions),
    rawRequest: (request, { maxResponseBytes }) => client.request(request, { ...scope, maxResponseBytes }, 'raw'),
    dryRun: false,
  };
}

/** The scopes an OAuth credential is fixed to (`auth.scopes`); undefined when the operation's own are requested. */
function grantedScopes(auth: unknown): string[] | undefined {
  if (!auth || typeof auth !== 'object' || !isOAuthAuth(auth as Record<string, unknown>)) return undefined;
  return configuredScopes((auth as { scopes?: unknown }).scopes);
}

/** Runs one operation: validate, authorise, call Okta through the shared client, return the output. */
export async function invoke(operation: string, input: unknown, options: InvokeOptions): Promise<unknown> {
  try {
    const op = operationOrThrow(operation);
    const validInput = validatedInput(op, input);
    const auth = resolveAuth(options.auth, { scopes: op.meta.scopes });
    const client = clientFor(auth);
    const scope = scopeFor(options, op.meta.name, op.meta.scopes);
    const handler = op.handler();
    const ctx = contextFor(client, scope);
    if (!options.dryRun) return await handler.run(validInput, ctx);

    const refusal = missingScopesError(op.meta.name, grantedScopes(options.auth), op.meta.scopes);
    if (refusal) throw refusal;
    return await new DryRun(op.meta.name).run(handler, validInput, ctx);
  } catch (error) {
    throw asConnectorError(error);
  }
}

/**
 * What the org adds to an operation's `side` schema, for a form filled so far with `input` (partial: it is
 * not validated, the handler reads only the fields it names). Empty for a side that is not dynamic.
 */
export async function dynamicSchemaPatches(operation: string, side: SchemaSide, input: unknown, options: InvokeOptions): Promise<SchemaPatch[]> {
  try {
    const op = operationOrThrow(operation);
    if (side !== 'input' && side !== 'output') throw new ConnectorError('user_input_error', 'The schema side must be "input" or "output"', { fields: ['side'] });
    if (!op.meta.dynamic_schema?.includes(side)) return [];
    if (input !== undefined && (!input || typeof input !== 'object' || Array.isArray(input))) {
      throw new ConnectorError('user_input_error', 'input must be an object (the form filled so far)', { fields: ['input'] });
    }
    const schema = op.handler().schema;
    if (!schema) throw new ConnectorError('connector_error', `Operation "${operation}" declares dynamic_schema but its handler has no schema()`);
    const client = clientFor(resolveAuth(options.auth, { scopes: op.meta.scopes }));
    return await schema(side, copyInput(input ?? {}) as Record<string, unknown>, contextFor(client, scopeFor(options, op.meta.name, op.meta.scopes)));
  } catch (error) {
    throw asConnectorError(error);
  }
}

export interface PlatformMessage {
  operation: string;
  input?: unknown;
  auth?: unknown;
  options?: Omit<CallOptions, 'signal' | 'logger'>;
}

export type PlatformResult =
  | { outcome: 'success'; output: unknown }
  | { outcome: 'error'; error: Record<string, unknown> };

/** The envelope a platform calls. Never throws. */
export async function handleMessage(message: PlatformMessage, extra: Pick<CallOptions, 'signal' | 'logger'> = {}): Promise<PlatformResult> {
  try {
    if (!message || typeof message !== 'object') throw new ConnectorError('user_input_error', 'The message must be { operation, input, auth }');
    const output = await invoke(message.operation, message.input, { ...message.options, ...extra, auth: message.auth });
    return { outcome: 'success', output };
  } catch (error) {
    return { outcome: 'error', error: asConnectorError(error).toJSON() };
  }
}

export function listOperations(): OperationMeta[] {
  return [...getRegistry().operations.values()].map((op) => op.meta);
}

export interface OperationDescription extends OperationMeta {
  input_schema: unknown;
  output_schema: unknown;
  samples: Record<string, Sample>;
}

export function describeOperation(name: string): OperationDescription {
  const op = operationOrThrow(name);
  return { ...op.meta, input_schema: op.inputSchema, output_schema: op.outputSchema, samples: op.samples() };
}
