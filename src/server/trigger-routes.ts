import { randomBytes } from 'node:crypto';
import { asConnectorError, ConnectorError } from '../core/errors';
import { DedupeWindow } from '../triggers/dedupe-window';
import { generateHookSecret } from '../triggers/hook-secret';
import { createTrigger, destroyTrigger, handleTriggerRequest, pollTrigger } from '../triggers/trigger-dispatch';
import { getTriggerRegistry } from '../triggers/trigger-registry';
import { EventFeed, TooManyWaitersError } from './event-feed';
import { callResponse, errorJson, json, RouteResponse } from './responses';
import type { RouteRequest, Tenancy } from './router';
import { StoreFullError, SubscriptionRecord, SubscriptionStore } from './subscription-store';

export interface TriggerServiceOptions {
  store?: SubscriptionStore;
  feed?: EventFeed;
  /** Where Okta reaches this service (PUBLIC_URL); by default the address the subscribe request came to. */
  publicUrl?: string;
}

export interface TriggerRoute {
  route: string;
  allow: string[];
  run(request: RouteRequest): Promise<RouteResponse> | RouteResponse;
}

const errorResponse = (error: unknown): RouteResponse => callResponse({ outcome: 'error', error: asConnectorError(error).toJSON() });

function jsonBody(request: RouteRequest): { value?: Record<string, unknown>; refused?: RouteResponse } {
  const contentType = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (contentType !== 'application/json') return { refused: errorJson(415, 'Send the body as Content-Type: application/json') };
  try {
    const value = JSON.parse(request.body?.toString('utf8') || '{}');
    if (!value || typeof value !== 'object' || Array.isArray(value)) return { refused: errorJson(400, 'The body must be a JSON object') };
    return { value };
  } catch {
    return { refused: errorJson(400, 'The body is not valid JSON') };
  }
}

/** Two inputs that mean the same subscription get the same key (lists of strings are sets: order does not matter). */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.every((v) => typeof v === 'string') ? [...value].sort() : value.map(canonical);
  if (value && typeof value === 'object') return Object.fromEntries(Object.keys(value).sort().map((k) => [k, canonical((value as Record<string, unknown>)[k])]));
  return value;
}

/** What the caller sees of a subscription's state: everything but the secret. */
function publicState(state: Record<string, unknown>): Record<string, unknown> {
  const { secret: _secret, ...rest } = state;
  return rest;
}

function decoded(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * The /triggers/... routes of the service; `match` returns undefined for any other path. Deliveries need no caller
 * key (the perimeter's exemption list says so): the hook secret authenticates them.
 */
export function createTriggerRoutes(tenancy: Tenancy, defaultAuth: unknown, options: TriggerServiceOptions = {}) {
  const store = options.store ?? new SubscriptionStore();
  const feed = options.feed ?? new EventFeed();
  const dedupe = new DedupeWindow();
  const orgOf = () => String((defaultAuth as { domain?: unknown } | undefined)?.domain ?? '');
  const noCredential = () => errorResponse(new ConnectorError('auth_error', 'Subscriptions use the service\'s own Okta credential: configure OKTA_DOMAIN and a credential (or run with the sandbox)'));

  function webhookTrigger(name: string) {
    const trigger = getTriggerRegistry().get(name);
    return trigger?.meta.kind === 'webhook' ? trigger : undefined;
  }

  async function subscribe(name: string, request: RouteRequest): Promise<RouteResponse> {
    if (!webhookTrigger(name)) return errorJson(404, `Unknown event trigger "${name}"`, {}, ['trigger']);
    const { value: body, refused } = jsonBody(request);
    if (refused) return refused;
    if (body!.auth !== undefined) return errorJson(400, 'Subscriptions use the service\'s own Okta credential; do not send "auth"', {}, ['auth']);
    if (defaultAuth === undefined) return noCredential();
    const key = JSON.stringify({ org: orgOf(), input: canonical(body!.input ?? {}) });
    const existing = store.findByKey(name, key);
    if (existing?.status === 'active') {
      store.put({ ...existing, subscribers: existing.subscribers + 1 });
      return json(200, { id: existing.id, state: publicState(existing.state), reused: true });
    }
    if (existing?.status === 'creating') return errorJson(409, 'An identical subscription is being created right now; retry in a moment');
    // An interrupted create keeps its id, so its delivery URL (and Okta's hook for it) is reused.
    const id = existing?.id ?? `sub_${randomBytes(12).toString('base64url')}`;
    const base = (options.publicUrl ?? `http://${request.headers.host ?? '127.0.0.1'}`).replace(/\/+$/, '');
    const deliveryUrl = `${base}/triggers/${encodeURIComponent(name)}/subscriptions/${id}/deliveries`;
    const secret = generateHookSecret();
    const record: SubscriptionRecord = { id, trigger: name, status: 'creating', key, state: { secret }, subscribers: 1, created: new Date().toISOString() };
    try {
      store.put(record); // before create: Okta's verification call arrives while create runs
    } catch (error) {
      if (error instanceof StoreFullError) return errorJson(409, error.message);
      throw error;
    }
    try {
      const state = (await createTrigger(name, body!.input, { auth: defaultAuth, deliveryUrl, secret, signal: request.signal })) as Record<string, unknown>;
      if (!store.get(id)) {
        // Unsubscribed while create ran: undo it rather than resurrect the record.
        await destroyTrigger(name, state, { auth: defaultAuth });
        return errorJson(409, 'The subscription was deleted while it was being created');
      }
      store.put({ ...record, status: 'active', state });
      return json(201, { id, state: publicState(state) });
    } catch (error) {
      store.delete(id);
      return errorResponse(error);
    }
  }

  async function deliver(name: string, id: string, request: RouteRequest): Promise<RouteResponse> {
    const record = store.get(id);
    // One answer for "no such subscription" and "wrong trigger": a prober learns nothing from it.
    if (!record || record.trigger !== name) return errorJson(404, 'No such subscription');
    if (request.bodyTooLarge) return errorJson(413, 'The body is too large');
    const result = await handleTriggerRequest(name, { method: request.method, headers: request.headers, body: request.body?.toString('utf8') }, record.state, { dedupe });
    feed.push(id, result.events);
    return json(result.response.status, result.response.body ?? {}, result.response.headers ?? {});
  }

  async function events(name: string, id: string, request: RouteRequest): Promise<RouteResponse> {
    const record = store.get(id);
    if (!record || record.trigger !== name) return errorJson(404, 'No such subscription');
    const query = new URLSearchParams(request.query ?? '');
    const after = Number(query.get('after') ?? 0);
    const waitMs = Number(query.get('wait_ms') ?? 0);
    if (!Number.isSafeInteger(after) || after < 0) return errorJson(400, 'after must be a cursor from a previous answer (a whole number)', {}, ['after']);
    if (!Number.isSafeInteger(waitMs) || waitMs < 0 || waitMs > feed.maxWaitMs) return errorJson(400, `wait_ms must be a whole number from 0 to ${feed.maxWaitMs}`, {}, ['wait_ms']);
    try {
      return json(200, await feed.read(id, after, waitMs, request.signal));
    } catch (error) {
      if (error instanceof TooManyWaitersError) return errorJson(429, error.message, { 'Retry-After': '1' });
      throw error;
    }
  }

  async function unsubscribe(name: string, id: string): Promise<RouteResponse> {
    const record = store.get(id);
    if (!record || record.trigger !== name) return errorJson(404, 'No such subscription');
    if (record.subscribers > 1) {
      store.put({ ...record, subscribers: record.subscribers - 1 });
      return json(200, { id, deleted: false, subscribers: record.subscribers - 1 });
    }
    if (record.status === 'active') {
      try {
        await destroyTrigger(name, record.state, { auth: defaultAuth });
      } catch (error) {
        return errorResponse(error);
      }
    }
    store.delete(id);
    feed.forget(id);
    return json(200, { id, deleted: true });
  }

  async function poll(name: string, request: RouteRequest): Promise<RouteResponse> {
    const { value: body, refused } = jsonBody(request);
    if (refused) return refused;
    // One org or many, never both: a single-org service refuses caller-supplied auth; a multi-tenant one needs it.
    if (tenancy === 'single' && body!.auth !== undefined) return errorJson(400, 'This service acts for one org with its own credential: a poll may not carry "auth"', {}, ['auth']);
    if (tenancy === 'multi' && body!.auth === undefined) return errorJson(401, 'This service is multi-tenant: send the org credential as "auth" in the body', {}, ['auth']);
    const auth = tenancy === 'single' ? defaultAuth : body!.auth;
    if (auth === undefined) return noCredential();
    try {
      return json(200, await pollTrigger(name, body!.input, body!.checkpoint as string | undefined, { auth, signal: request.signal }));
    } catch (error) {
      return errorResponse(error);
    }
  }

  function match(path: string): TriggerRoute | undefined {
    const m = /^\/triggers\/([^/]+)\/(subscriptions|poll)(?:\/([^/]+)(?:\/(deliveries|events))?)?$/.exec(path);
    if (!m) return undefined;
    const name = decoded(m[1]);
    const id = m[3] === undefined ? undefined : decoded(m[3]);
    if (name === undefined || (m[3] !== undefined && id === undefined)) return undefined;
    if (m[2] === 'poll') return m[3] ? undefined : { route: '/triggers/{name}/poll', allow: ['POST'], run: (r) => poll(name, r) };
    if (id === undefined) return { route: '/triggers/{name}/subscriptions', allow: ['POST'], run: (r) => subscribe(name, r) };
    if (m[4] === 'deliveries') return { route: '/triggers/{name}/subscriptions/{id}/deliveries', allow: ['GET', 'POST'], run: (r) => deliver(name, id, r) };
    if (m[4] === 'events') return { route: '/triggers/{name}/subscriptions/{id}/events', allow: ['GET'], run: (r) => events(name, id, r) };
    return { route: '/triggers/{name}/subscriptions/{id}', allow: ['DELETE'], run: () => unsubscribe(name, id) };
  }

  return { match, store, feed };
}
