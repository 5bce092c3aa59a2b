import {
  ConnectorError, countsAgainstHookLimit, defineTrigger, eventHookBody, eventHookLifecycle, MAX_ACTIVE_EVENT_HOOKS,
  oktaPath, triggerEvent, userInputError,
} from '../../src/sdk';
import type { OktaEventHook, OktaEventTriggerInput, OktaLogEvent, OktaTriggerEvent, TriggerOktaContext } from '../../src/sdk';

export interface EventHookState {
  hook_id: string;
  secret: string;
  event_types: string[];
  delivery_url: string;
}

async function remove(ctx: TriggerOktaContext, hookId: string): Promise<void> {
  // Okta deletes only INACTIVE hooks. A hook already gone is what destroy wants.
  for (const request of [eventHookLifecycle(hookId, 'deactivate'), { method: 'DELETE' as const, path: oktaPath`/api/v1/eventHooks/${hookId}` }]) {
    try {
      await ctx.request(request);
    } catch (error) {
      if (!(error instanceof ConnectorError && error.status === 404)) throw error;
    }
  }
}

export default defineTrigger<OktaEventTriggerInput, EventHookState, OktaTriggerEvent>({
  async create(input, ctx) {
    const hooks = (await ctx.request<OktaEventHook[]>({ method: 'GET', path: '/api/v1/eventHooks' })).body ?? [];
    const body = eventHookBody(input.hook_name!, input.event_types, ctx.deliveryUrl, ctx.secret);
    // A hook already pointing at this URL (a create retried after a crash) is replaced, not duplicated.
    const existing = hooks.find((hook) => hook.channel?.config?.uri === ctx.deliveryUrl);
    const active = hooks.filter((hook) => hook !== existing && countsAgainstHookLimit(hook)).length;
    if (active >= MAX_ACTIVE_EVENT_HOOKS) {
      throw userInputError(`Okta allows ${MAX_ACTIVE_EVENT_HOOKS} active, verified event hooks per org and this org has ${active}: deactivate one (Admin Console → Workflow → Event Hooks) or reuse a subscription with the same event types`, ['event_types']);
    }
    const hook = existing
      ? (await ctx.request<OktaEventHook>({ method: 'PUT', path: oktaPath`/api/v1/eventHooks/${existing.id}`, body })).body
      : (await ctx.request<OktaEventHook>({ method: 'POST', path: '/api/v1/eventHooks', body })).body;
    try {
      if (hook.status !== 'ACTIVE') await ctx.request(eventHookLifecycle(hook.id, 'activate'));
      await ctx.request(eventHookLifecycle(hook.id, 'verify'));
    } catch (error) {
      await remove(ctx, hook.id).catch(() => undefined);
      throw error;
    }
    return { hook_id: hook.id, secret: ctx.secret, event_types: input.event_types, delivery_url: ctx.deliveryUrl };
  },

  request(request, state, ctx) {
    if (!ctx.secretMatches(request.headers['authorization'], state.secret)) {
      return { response: { status: 401, body: { error: 'The Authorization header does not carry this subscription\'s secret' } }, events: [] };
    }
    const challenge = request.headers['x-okta-verification-challenge'];
    if (request.method === 'GET') {
      if (!challenge) return { response: { status: 400, body: { error: 'A GET must carry X-Okta-Verification-Challenge' } }, events: [] };
      return { response: { status: 200, body: { verification: challenge } }, events: [] };
    }
    if (request.method !== 'POST') return { response: { status: 405, headers: { Allow: 'GET, POST' }, body: { error: 'Use GET (verification) or POST (events)' } }, events: [] };
    let events: unknown;
    try {
      events = (JSON.parse(request.body ?? '') as { data?: { events?: unknown } })?.data?.events;
    } catch {
      events = undefined;
    }
    if (!Array.isArray(events)) return { response: { status: 400, body: { error: 'The body must be Okta\'s envelope with data.events[]' } }, events: [] };
    const fresh = (events as OktaLogEvent[]).filter((event) => typeof event?.uuid === 'string' && ctx.firstSighting(event.uuid));
    return { response: { status: 200, body: {} }, events: fresh.map(triggerEvent) };
  },

  async destroy(state, ctx) {
    if (typeof state?.hook_id !== 'string' || state.hook_id === '') throw userInputError('The state holds no hook_id: pass the state create returned', ['state']);
    await remove(ctx, state.hook_id);
  },
});
