import { resolveAuth } from '../auth';
import { CallOptions } from '../core/call-options';
import { asConnectorError, ConnectorError } from '../core/errors';
import { parseLinkHeader } from '../http/link-header';
import { scopeFor } from '../http/call-scope';
import { clientFor } from '../http/client-pool';
import { sameOriginPath } from '../http/paginate';
import { copyInput } from '../runtime/input-copy';
import { inputError } from '../runtime/validation';
import { DedupeWindow } from './dedupe-window';
import { generateHookSecret, secretMatches } from './hook-secret';
import { PollResult, TriggerHandler, TriggerHttpRequest, TriggerOktaContext, TriggerRequestResult } from './trigger-kinds';
import { getTriggerRegistry, LoadedTrigger, TriggerMeta } from './trigger-registry';

export interface TriggerCallOptions extends CallOptions {
  auth: unknown;
}

export interface CreateTriggerOptions extends TriggerCallOptions {
  /** Where the platform receives deliveries for this subscription. */
  deliveryUrl: string;
  /** The secret to use; generated when absent (a service that must answer the verification call first sets it). */
  secret?: string;
}

export interface HandleRequestOptions {
  /** Recent event ids per subscription; a process-wide bounded window by default. */
  dedupe?: DedupeWindow;
}

const sharedDedupe = new DedupeWindow();

function triggerOrThrow(name: string, step: keyof TriggerHandler): { trigger: LoadedTrigger; handler: TriggerHandler } {
  const trigger = typeof name === 'string' ? getTriggerRegistry().get(name) : undefined;
  if (!trigger) throw new ConnectorError('user_input_error', `Unknown trigger "${String(name)}"`, { fields: ['trigger'] });
  const handler = trigger.handler();
  if (typeof handler[step] !== 'function') throw new ConnectorError('user_input_error', `Trigger "${name}" has no ${step} step`, { fields: ['trigger'] });
  return { trigger, handler };
}

function validInput(trigger: LoadedTrigger, input: unknown): unknown {
  const copy = input === undefined ? {} : copyInput(input);
  if (!trigger.validateInput(copy)) throw inputError(trigger.validateInput.errors);
  return copy;
}

function oktaContext(trigger: LoadedTrigger, options: TriggerCallOptions): TriggerOktaContext {
  const auth = resolveAuth(options.auth, { scopes: trigger.meta.scopes });
  const client = clientFor(auth);
  const scope = scopeFor(options, trigger.meta.name, trigger.meta.scopes);
  return {
    request: (request) => client.request(request, scope, 'operation'),
    page: async <T>(request: Parameters<TriggerOktaContext['request']>[0]) => {
      const response = await client.request<T[]>(request, scope, 'operation');
      if (!Array.isArray(response.body)) throw new ConnectorError('api_error', `Okta returned ${typeof response.body} where a list was expected`, { status: response.status });
      const next = parseLinkHeader(response.headers['link']).next;
      return { items: response.body, next_link: next ? sameOriginPath(next, auth.orgUrl) : null };
    },
    now: () => Date.now(),
  };
}

/** The hook secret must never surface: an error that quotes it (an echoing server) has it masked. */
function withoutSecret(error: unknown, secret: string | undefined): ConnectorError {
  const connectorError = asConnectorError(error);
  if (!secret || !JSON.stringify(connectorError.toJSON()).includes(secret)) return connectorError;
  const masked = JSON.parse(JSON.stringify(connectorError.toJSON()).split(secret).join('[redacted]'));
  return new ConnectorError(connectorError.type, masked.message, { ...masked, okta: masked.okta });
}

function secretOf(state: unknown): string | undefined {
  const secret = (state as { secret?: unknown } | undefined)?.secret;
  return typeof secret === 'string' ? secret : undefined;
}

/** The create step: validates the input, then sets up the subscription in Okta. Returns the state to keep (it holds the hook secret: store it like a credential). */
export async function createTrigger(name: string, input: unknown, options: CreateTriggerOptions): Promise<unknown> {
  const secret = options.secret ?? generateHookSecret();
  try {
    const { trigger, handler } = triggerOrThrow(name, 'create');
    const valid = validInput(trigger, input);
    if (typeof options.deliveryUrl !== 'string' || !/^https?:\/\//.test(options.deliveryUrl)) {
      throw new ConnectorError('user_input_error', 'deliveryUrl must be the http(s) URL the platform receives deliveries on', { fields: ['deliveryUrl'] });
    }
    return await handler.create!(valid, { ...oktaContext(trigger, options), deliveryUrl: options.deliveryUrl, secret });
  } catch (error) {
    throw withoutSecret(error, secret);
  }
}

/** The request step: one HTTP request that arrived on the delivery URL → the answer to Okta and the events. Sends nothing to Okta. */
export async function handleTriggerRequest(name: string, request: TriggerHttpRequest, state: unknown, options: HandleRequestOptions = {}): Promise<TriggerRequestResult<unknown>> {
  try {
    const { trigger, handler } = triggerOrThrow(name, 'request');
    const dedupe = options.dedupe ?? sharedDedupe;
    const subscription = `${name}:${String((state as { hook_id?: unknown })?.hook_id ?? '')}`;
    const result = await handler.request!(request, state, {
      secretMatches,
      firstSighting: (eventId) => dedupe.firstSighting(subscription, eventId),
    });
    for (const event of result.events) {
      if (!trigger.validateOutput(event)) throw new ConnectorError('connector_error', `Trigger "${name}" produced an event that does not fit its output schema`);
    }
    return result;
  } catch (error) {
    throw withoutSecret(error, secretOf(state));
  }
}

/** The destroy step: removes the subscription from Okta. */
export async function destroyTrigger(name: string, state: unknown, options: TriggerCallOptions): Promise<void> {
  try {
    const { trigger, handler } = triggerOrThrow(name, 'destroy');
    await handler.destroy!(state, oktaContext(trigger, options));
  } catch (error) {
    throw withoutSecret(error, secretOf(state));
  }
}

/** A polling trigger: the events since `checkpoint` (or since the input's start, on the first poll) and the next checkpoint. */
export async function pollTrigger(name: string, input: unknown, checkpoint: string | undefined, options: TriggerCallOptions): Promise<PollResult<unknown>> {
  try {
    const { trigger, handler } = triggerOrThrow(name, 'poll');
    const valid = validInput(trigger, input);
    if (checkpoint !== undefined && (typeof checkpoint !== 'string' || checkpoint === '')) {
      throw new ConnectorError('user_input_error', 'checkpoint must be the string a previous poll returned', { fields: ['checkpoint'] });
    }
    const result = await handler.poll!(valid, checkpoint, oktaContext(trigger, options));
    if (!trigger.validateOutput(result)) throw new ConnectorError('connector_error', `Trigger "${name}" produced a poll result that does not fit its output schema`);
    return result;
  } catch (error) {
    throw asConnectorError(error);
  }
}

export function listTriggers(): TriggerMeta[] {
  return [...getTriggerRegistry().triggers.values()].map((t) => t.meta);
}
