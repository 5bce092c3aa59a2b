import { randomBytes } from 'node:crypto';
import { newId, timestamp } from '../core/ids';
import { oktaErrors } from '../core/okta-error-bodies';
import { OktaObject, SandboxOrg } from '../core/org';
import { Route, SandboxRequest, SandboxResponse } from '../core/route-types';
import { ELIGIBLE_EVENT_TYPES } from './eligible-event-types';
import { callHook } from './hook-calls';
import { HookDelivery, HookDeliveryOptions } from './hook-delivery';

/**
 * /api/v1/eventHooks (spec: management-minimal.yaml, tag EventHook). Rules and where Okta states them:
 * - created ACTIVE and UNVERIFIED; only ACTIVE + VERIFIED hooks receive events (spec, createEventHook / verifyEventHook);
 * - at most 25 active, verified hooks per org (docs/concepts/event-hooks). Where Okta enforces it and its wording are
 *   undocumented: the sandbox refuses the verify or activate that would make a 26th, with E0000001;
 * - delete only when INACTIVE (spec, deleteEventHook); the error for an ACTIVE one is undocumented (E0000001 here);
 * - verification: a GET with X-Okta-Verification-Challenge, 3 s timeout, one retry, else 400 E0000001 "Unable to
 *   verify event hook. Hook <name> execution failed" (spec, verifyEventHook; Okta support article of that title);
 * - changing the channel requires verifying again (spec, replaceEventHook);
 * - the auth header value is write-only (spec, EventHookChannelConfigAuthScheme).
 * The sandbox accepts http:// URIs on loopback (Okta requires HTTPS) so a local service can receive deliveries.
 */
export const MAX_ACTIVE_VERIFIED_HOOKS = 25;

interface HookState {
  hooks: Map<string, OktaObject>;
  delivery: HookDelivery;
}

const states = new WeakMap<SandboxOrg, HookState>();
const configured = new WeakMap<SandboxOrg, HookDeliveryOptions>();

/** Sets how the org's hooks are delivered to (call before the routes are built). */
export function configureHookDelivery(org: SandboxOrg, options: HookDeliveryOptions): void {
  configured.set(org, options);
}

export function eventHookState(org: SandboxOrg): HookState {
  let state = states.get(org);
  if (!state) {
    const hooks = new Map<string, OktaObject>();
    state = { hooks, delivery: new HookDelivery(org, hooks, configured.get(org)) };
    states.set(org, state);
  }
  return state;
}

const invalid = (...causes: string[]) => oktaErrors.validation('eventHook', causes);

function validUri(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname));
  } catch {
    return false;
  }
}

/** Checks a create/replace body the way Okta does; returns the fields it keeps. */
function validated(body: unknown): OktaObject {
  const hook = (body && typeof body === 'object' ? body : {}) as OktaObject;
  const causes: string[] = [];
  if (typeof hook.name !== 'string' || hook.name.trim() === '') causes.push('name: The field cannot be left blank');
  const items = hook.events?.items;
  if (hook.events?.type !== 'EVENT_TYPE') causes.push('events.type: Must be EVENT_TYPE');
  if (!Array.isArray(items) || items.length === 0) causes.push('events.items: At least one event type is required');
  else for (const item of items) if (!ELIGIBLE_EVENT_TYPES.has(item)) causes.push(`events.items: ${String(item)} is not an event hook-eligible event type`);
  const channel = hook.channel;
  if (channel?.type !== 'HTTP') causes.push('channel.type: Must be HTTP');
  if (channel?.version !== '1.0.0') causes.push('channel.version: Must be 1.0.0');
  if (!validUri(channel?.config?.uri)) causes.push('channel.config.uri: Must be a valid HTTPS URI');
  const auth = channel?.config?.authScheme;
  if (auth !== undefined && auth !== null && (auth.type !== 'HEADER' || typeof auth.key !== 'string' || typeof auth.value !== 'string')) {
    causes.push('channel.config.authScheme: type HEADER with a key and a value');
  }
  if (causes.length) throw invalid(...causes);
  return hook;
}

function render(baseUrl: string, hook: OktaObject): OktaObject {
  const self = `${baseUrl}/api/v1/eventHooks/${hook.id}`;
  const { value: _secret, ...authScheme } = hook.channel.config.authScheme ?? {};
  const links: OktaObject = { self: { href: self }, verify: { href: `${self}/lifecycle/verify`, hints: { allow: ['POST'] } } };
  links[hook.status === 'ACTIVE' ? 'deactivate' : 'activate'] = { href: `${self}/lifecycle/${hook.status === 'ACTIVE' ? 'deactivate' : 'activate'}`, hints: { allow: ['POST'] } };
  return {
    ...hook,
    channel: { ...hook.channel, config: { ...hook.channel.config, method: 'POST', ...(hook.channel.config.authScheme ? { authScheme: { ...authScheme, key: String(authScheme.key).toLowerCase() } } : {}) } },
    _links: links,
  };
}

function requireHook(org: SandboxOrg, id: string): OktaObject {
  const hook = eventHookState(org).hooks.get(id);
  if (!hook) throw oktaErrors.notFound(id, 'EventHook');
  return hook;
}

/** Refuses the change that would make one active, verified hook too many. */
function checkLimit(org: SandboxOrg, becoming: OktaObject): void {
  const others = [...eventHookState(org).hooks.values()].filter((h) => h.id !== becoming.id && h.status === 'ACTIVE' && h.verificationStatus === 'VERIFIED');
  if (others.length >= MAX_ACTIVE_VERIFIED_HOOKS) {
    throw invalid(`The maximum of ${MAX_ACTIVE_VERIFIED_HOOKS} active and verified event hooks per org has been reached`);
  }
}

function stored(hook: OktaObject, existing?: OktaObject): OktaObject {
  const now = timestamp();
  const channel = { type: 'HTTP', version: '1.0.0', config: { uri: hook.channel.config.uri, headers: hook.channel.config.headers ?? [], ...(hook.channel.config.authScheme ? { authScheme: hook.channel.config.authScheme } : {}) } };
  const channelChanged = existing !== undefined && JSON.stringify(existing.channel) !== JSON.stringify(channel);
  return {
    id: existing?.id ?? newId('who'),
    status: existing?.status ?? 'ACTIVE',
    verificationStatus: existing && !channelChanged ? existing.verificationStatus : 'UNVERIFIED',
    name: hook.name,
    description: hook.description ?? null,
    created: existing?.created ?? now,
    createdBy: existing?.createdBy ?? '',
    lastUpdated: now,
    events: { type: 'EVENT_TYPE', items: [...hook.events.items], filter: null },
    channel,
  };
}

async function verify(org: SandboxOrg, req: SandboxRequest): Promise<SandboxResponse> {
  const hook = requireHook(org, req.params.id);
  const challenge = randomBytes(30).toString('base64url');
  const answer = await callHook(hook, 'GET', { 'X-Okta-Verification-Challenge': challenge });
  const verification = (answer.body as { verification?: unknown } | undefined)?.verification;
  if (!answer.ok || verification !== challenge) throw invalid(`Unable to verify event hook. Hook ${hook.name} execution failed`);
  if (hook.status === 'ACTIVE') checkLimit(org, hook);
  hook.verificationStatus = 'VERIFIED';
  hook.lastUpdated = timestamp();
  return { status: 200, body: render(req.baseUrl, hook) };
}

function setStatus(org: SandboxOrg, req: SandboxRequest, status: 'ACTIVE' | 'INACTIVE'): SandboxResponse {
  const hook = requireHook(org, req.params.id);
  if (status === 'ACTIVE' && hook.verificationStatus === 'VERIFIED') checkLimit(org, hook);
  hook.status = status;
  hook.lastUpdated = timestamp();
  return { status: 200, body: render(req.baseUrl, hook) };
}

export function eventHooksRoutes(org: SandboxOrg): Route[] {
  const { hooks } = eventHookState(org);
  const base = '/api/v1/eventHooks';
  return [
    { method: 'GET', pattern: base, handle: (req) => ({ status: 200, body: [...hooks.values()].map((h) => render(req.baseUrl, h)) }) },
    {
      method: 'POST',
      pattern: base,
      handle: (req) => {
        const hook: OktaObject = { ...stored(validated(req.body)), createdBy: org.adminId };
        hooks.set(hook.id, hook);
        return { status: 200, body: render(req.baseUrl, hook) };
      },
    },
    { method: 'GET', pattern: `${base}/:id`, handle: (req) => ({ status: 200, body: render(req.baseUrl, requireHook(org, req.params.id)) }) },
    {
      method: 'PUT',
      pattern: `${base}/:id`,
      handle: (req) => {
        const hook = stored(validated(req.body), requireHook(org, req.params.id));
        hooks.set(hook.id, hook);
        return { status: 200, body: render(req.baseUrl, hook) };
      },
    },
    {
      method: 'DELETE',
      pattern: `${base}/:id`,
      handle: (req) => {
        const hook = requireHook(org, req.params.id);
        if (hook.status !== 'INACTIVE') throw invalid('Only an INACTIVE event hook can be deleted: deactivate it first');
        hooks.delete(hook.id);
        return { status: 204 };
      },
    },
    { method: 'POST', pattern: `${base}/:id/lifecycle/activate`, handle: (req) => setStatus(org, req, 'ACTIVE') },
    { method: 'POST', pattern: `${base}/:id/lifecycle/deactivate`, handle: (req) => setStatus(org, req, 'INACTIVE') },
    { method: 'POST', pattern: `${base}/:id/lifecycle/verify`, handle: (req) => verify(org, req) },
  ];
}


