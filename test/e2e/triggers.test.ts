import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RunningSandbox, startSandbox } from '../../src/sandbox';
import { eventHookState } from '../../src/sandbox/hooks/event-hooks';
import { CallerKeys } from '../../src/server/caller-keys';
import { RunningServer, startServer } from '../../src/server/http-server';
import { RequestLogEntry } from '../../src/server/request-log';
import { SubscriptionStore } from '../../src/server/subscription-store';
import { allowTestOrg } from '../support/test-org-destination';

/*
 * End to end, as `npm start` runs it: the service with a file-backed subscription store, against the embedded
 * sandbox, which delivers every batch twice here (duplicateEvery: 1) so "exactly once" is really tested.
 */
let sandbox: RunningSandbox;
let service: RunningServer;
let dataDir: string;
let liveStore: SubscriptionStore;
let revoke: () => void;
const logs: RequestLogEntry[] = [];
const storeFile = () => path.join(dataDir, 'subscriptions.json');

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-connector-triggers-'));
  sandbox = await startSandbox({ users: 5, hookDelivery: { batchMs: 50, duplicateEvery: 1 } });
  revoke = allowTestOrg(sandbox.url);
  service = await startServer({
    port: 0,
    defaultAuth: { domain: sandbox.url, api_token: sandbox.token },
    logger: (entry) => logs.push(entry),
    triggers: { store: (liveStore = new SubscriptionStore(storeFile())) },
  });
});
afterAll(async () => {
  revoke();
  await service.close(1_000);
  await sandbox.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const post = (url: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });
const read = async (res: Response) => ({ status: res.status, body: (await res.json()) as any });
const hooks = () => [...eventHookState(sandbox.org).hooks.values()];
const subscriptions = `/triggers/okta_event_trigger/subscriptions`;

async function createUser(login: string) {
  const res = await read(await post(`${service.url}/operations/create_user/call`, { input: { activate: false, profile: { login, email: login, firstName: 'Tri', lastName: 'Gger' } } }));
  expect(res.status).toBe(200);
  return res.body.output;
}

test('subscribe to user.lifecycle.create → create a user → the event is in /events once → unsubscribe removes the hook', async () => {
  const subscribed = await read(await post(`${service.url}${subscriptions}`, { input: { event_types: ['user.lifecycle.create'] } }));
  expect(subscribed.status).toBe(201);
  const { id, state } = subscribed.body;
  expect(state).toEqual({ hook_id: expect.stringMatching(/^who/), event_types: ['user.lifecycle.create'], delivery_url: `${service.url}${subscriptions}/${id}/deliveries` });
  expect(hooks()).toMatchObject([{ id: state.hook_id, status: 'ACTIVE', verificationStatus: 'VERIFIED', channel: { config: { uri: state.delivery_url } } }]);

  const started = Date.now();
  const user = await createUser('trigger.one@example.com');
  const first = await read(await fetch(`${service.url}${subscriptions}/${id}/events?after=0&wait_ms=5000`));
  console.log(`event in /events ${Date.now() - started} ms after create_user answered`);
  expect(first.body.events).toEqual([
    expect.objectContaining({ event_type: 'user.lifecycle.create', targets: [expect.objectContaining({ id: user.id, alternate_id: 'trigger.one@example.com' })] }),
  ]);
  // The sandbox delivered the batch twice; the second copy started nothing.
  await new Promise((r) => setTimeout(r, 300));
  expect(eventHookState(sandbox.org).delivery.outcomes.filter((o) => o.hookId === state.hook_id && o.ok)).toHaveLength(2);
  const after = await read(await fetch(`${service.url}${subscriptions}/${id}/events?after=${first.body.cursor}&wait_ms=200`));
  expect(after.body).toEqual({ events: [], cursor: first.body.cursor });

  const removed = await read(await fetch(`${service.url}${subscriptions}/${id}`, { method: 'DELETE' }));
  expect(removed.body).toEqual({ id, deleted: true });
  expect(hooks()).toEqual([]);
  expect((await fetch(`${service.url}${subscriptions}/${id}/events`)).status).toBe(404);
});

test('as an attacker: a forged delivery, a guessed id, a verification replay without the secret start nothing', async () => {
  const { body } = await read(await post(`${service.url}${subscriptions}`, { input: { event_types: ['group.user_membership.add'] } }));
  const deliveries = `${service.url}${subscriptions}/${body.id}/deliveries`;
  const forged = { data: { events: [{ uuid: 'forged-1', eventType: 'group.user_membership.add', published: new Date().toISOString() }] } };
  expect((await post(deliveries, forged, { Authorization: 'guess' })).status).toBe(401);
  expect((await post(deliveries, forged)).status).toBe(401);
  expect((await fetch(deliveries, { headers: { 'X-Okta-Verification-Challenge': 'x' } })).status).toBe(401);
  expect((await post(`${service.url}${subscriptions}/sub_doesnotexist/deliveries`, forged, { Authorization: 'guess' })).status).toBe(404);
  expect((await post(`${service.url}/triggers/system_log_poll_trigger/subscriptions/${body.id}/deliveries`, forged)).status).toBe(404);
  expect((await read(await fetch(`${service.url}${subscriptions}/${body.id}/events`))).body.events).toEqual([]);
  // Bounds: wait_ms past the cap is refused, not honoured.
  expect((await fetch(`${service.url}${subscriptions}/${body.id}/events?wait_ms=3600000`)).status).toBe(400);

  // The secret is only in the owner-only store file: not in answers, not in logs.
  const secret = new SubscriptionStore(storeFile()).get(body.id)!.state.secret as string;
  expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(JSON.stringify(body)).not.toContain(secret);
  expect(JSON.stringify(logs)).not.toContain(secret);
  expect(fs.statSync(storeFile()).mode & 0o077).toBe(0);
  expect((await fetch(`${service.url}${subscriptions}/${body.id}`, { method: 'DELETE' })).status).toBe(200);
});

test('the same org and event set share one hook (Okta allows 25 per org); it is removed with the last subscriber', async () => {
  const a = await read(await post(`${service.url}${subscriptions}`, { input: { event_types: ['user.lifecycle.activate', 'user.lifecycle.suspend'] } }));
  const b = await read(await post(`${service.url}${subscriptions}`, { input: { event_types: ['user.lifecycle.suspend', 'user.lifecycle.activate'] } }));
  expect([a.status, b.status, b.body.reused, b.body.id]).toEqual([201, 200, true, a.body.id]);
  expect(hooks()).toHaveLength(1);
  expect((await read(await fetch(`${service.url}${subscriptions}/${a.body.id}`, { method: 'DELETE' }))).body).toEqual({ id: a.body.id, deleted: false, subscribers: 1 });
  expect(hooks()).toHaveLength(1);
  expect((await read(await fetch(`${service.url}${subscriptions}/${a.body.id}`, { method: 'DELETE' }))).body.deleted).toBe(true);
  expect(hooks()).toEqual([]);
});

test('a subscription survives a service restart (the store is a file)', async () => {
  const { body } = await read(await post(`${service.url}${subscriptions}`, { input: { event_types: ['user.lifecycle.create'] } }));
  const restarted = await startServer({ port: 0, defaultAuth: { domain: sandbox.url, api_token: sandbox.token }, logger: () => undefined, triggers: { store: new SubscriptionStore(storeFile()) } });
  try {
    // Okta still delivers to the old address; the restarted service knows the subscription and its secret.
    const secret = new SubscriptionStore(storeFile()).get(body.id)!.state.secret as string;
    const delivery = { data: { events: [{ uuid: 'after-restart-1', eventType: 'user.lifecycle.create', published: new Date().toISOString() }] } };
    expect((await post(`${restarted.url}${subscriptions}/${body.id}/deliveries`, delivery, { Authorization: secret })).status).toBe(200);
    expect((await read(await fetch(`${restarted.url}${subscriptions}/${body.id}/events`))).body.events.map((e: any) => e.uuid)).toEqual(['after-restart-1']);
    expect((await fetch(`${restarted.url}${subscriptions}/${body.id}`, { method: 'DELETE' })).status).toBe(200);
  } finally {
    await restarted.close(1_000);
  }
  expect(hooks()).toEqual([]);
});

test('polling: /triggers/system_log_poll_trigger/poll returns new events and a checkpoint that continues', async () => {
  const poll = async (body: unknown) => read(await post(`${service.url}/triggers/system_log_poll_trigger/poll`, body));
  const input = { filter: 'eventType eq "user.lifecycle.create"', since: new Date(Date.now() - 60_000).toISOString() };
  const first = await poll({ input });
  expect(first.status).toBe(200);
  const before = first.body.events.length;
  const user = await createUser('trigger.poll@example.com');
  const second = await poll({ input, checkpoint: first.body.checkpoint });
  expect(second.body.events.map((e: any) => e.targets[0].id)).toEqual([user.id]);
  expect((await poll({ input, checkpoint: second.body.checkpoint })).body.events).toEqual([]);
  expect(before).toBeGreaterThanOrEqual(1);
  expect((await poll({ input, checkpoint: 'forged' })).status).toBe(400);
});

test('GET /connector lists the triggers with their schemas', async () => {
  const { body } = await read(await fetch(`${service.url}/connector`));
  expect(body.triggers.map((t: any) => [t.name, t.kind])).toEqual([['okta_event_trigger', 'webhook'], ['system_log_poll_trigger', 'polling']]);
  expect(body.triggers[0].input_schema.properties.event_types.items.lookup.operation).toBe('list_event_hook_event_types_ddl');
  expect(JSON.stringify(body.triggers)).not.toContain('$ref');
});

test('at Okta\'s 25-hook limit a subscribe is a clear 400 naming the limit, and leaves nothing behind', async () => {
  const { hooks: stored } = eventHookState(sandbox.org);
  for (let i = 0; i < 25; i++) {
    stored.set(`whoFull${i}`, {
      id: `whoFull${i}`, status: 'ACTIVE', verificationStatus: 'VERIFIED', name: `Other ${i}`, events: { type: 'EVENT_TYPE', items: ['user.session.start'] },
      channel: { type: 'HTTP', version: '1.0.0', config: { uri: `https://other.example.com/${i}`, headers: [] } },
    });
  }
  const before = liveStore.size;
  try {
    const refused = await read(await post(`${service.url}${subscriptions}`, { input: { event_types: ['user.lifecycle.deactivate'] } }));
    expect(refused.status).toBe(400);
    expect(refused.body.error).toMatchObject({ type: 'user_input_error', fields: ['event_types'], message: expect.stringContaining('Okta allows 25 active, verified event hooks per org') });
    expect(hooks()).toHaveLength(25);
    expect(liveStore.size).toBe(before);
  } finally {
    stored.clear();
  }
});

test('bad requests to the trigger routes are clear errors, never 500s', async () => {
  const url = `${service.url}${subscriptions}`;
  expect((await fetch(url, { method: 'POST', body: '{}' })).status).toBe(415);
  expect((await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' })).status).toBe(400);
  expect((await read(await post(url, { input: { event_types: [] } }))).body.error).toMatchObject({ type: 'user_input_error', fields: ['event_types'] });
  expect((await post(url, { input: { event_types: ['user.lifecycle.create'] }, auth: { domain: 'evil.example.com', api_token: 'x' } })).status).toBe(400);
  expect((await post(`${service.url}/triggers/system_log_poll_trigger/subscriptions`, { input: {} })).status).toBe(404);
  expect((await fetch(`${url}/sub_x/events?after=-1`)).status).toBe(404);
  expect((await fetch(url, { method: 'GET' })).status).toBe(405);
});

test('with caller keys: every trigger route needs a key except deliveries, which Okta authenticates with the hook secret', async () => {
  const KEY = 'platform-caller-key-0123456789abcdef0123456789';
  const keyed = await startServer({
    port: 0, defaultAuth: { domain: sandbox.url, api_token: sandbox.token }, logger: () => undefined,
    keys: new CallerKeys([KEY]), triggers: { store: new SubscriptionStore() },
  });
  const bearer = { Authorization: `Bearer ${KEY}` };
  try {
    expect((await post(`${keyed.url}${subscriptions}`, { input: { event_types: ['user.lifecycle.unsuspend'] } })).status).toBe(401);
    // Created with a key: Okta's verification GET reached the delivery URL without one.
    const created = await read(await post(`${keyed.url}${subscriptions}`, { input: { event_types: ['user.lifecycle.unsuspend'] } }, bearer));
    expect(created.status).toBe(201);
    const base = `${keyed.url}${subscriptions}/${created.body.id}`;
    expect((await fetch(`${base}/events`)).status).toBe(401);
    expect((await fetch(`${base}/events`, { headers: bearer })).status).toBe(200);
    expect((await post(`${keyed.url}/triggers/system_log_poll_trigger/poll`, { input: {} })).status).toBe(401);
    // A caller key is not the hook secret: presented on a delivery it is refused like any wrong secret.
    expect((await post(`${base}/deliveries`, { data: { events: [] } }, bearer)).status).toBe(401);
    expect((await fetch(base, { method: 'DELETE' })).status).toBe(401);
    expect((await fetch(base, { method: 'DELETE', headers: bearer })).status).toBe(200);
  } finally {
    await keyed.close(1_000);
  }
  expect(hooks()).toEqual([]);
});
