import http from 'node:http';
import { AddressInfo } from 'node:net';
import { EVENT_HOOK_ELIGIBLE_TYPES } from '../../src/okta/event-hook-types';
import { OktaObject, SandboxOrg } from '../../src/sandbox/core/org';
import { createSandboxServer, listen } from '../../src/sandbox/core/server';
import { ELIGIBLE_EVENT_TYPES } from '../../src/sandbox/hooks/eligible-event-types';
import { configureHookDelivery, eventHooksRoutes, eventHookState } from '../../src/sandbox/hooks/event-hooks';
import { SandboxSpecCheck, testSpecConformance } from '../support/sandbox-spec-check';

const token = 'sandbox-event-hooks-test-token';
const SECRET = 'receiver-secret-value-0123456789';
const org = new SandboxOrg('');
const spec = new SandboxSpecCheck();
let server: http.Server;
let baseUrl: string;

/** A stand-in for the connector's delivery URL: answers verification, records deliveries. */
interface Received {
  method: string;
  headers: http.IncomingHttpHeaders;
  body: any;
}
const received: Received[] = [];
let answerVerification = true;
let failNext = 0;
let receiver: http.Server;
let receiverUrl: string;

beforeAll(async () => {
  configureHookDelivery(org, { batchMs: 20, duplicateEvery: 0 });
  server = createSandboxServer({ routes: spec.wrap(eventHooksRoutes(org)), token });
  baseUrl = await listen(server);
  org.baseUrl = baseUrl;
  receiver = http.createServer((req, res) => {
    let text = '';
    req.on('data', (c) => (text += c));
    req.on('end', () => {
      received.push({ method: req.method!, headers: req.headers, body: text ? JSON.parse(text) : undefined });
      if (failNext > 0) {
        failNext--;
        res.writeHead(500).end();
        return;
      }
      const challenge = req.headers['x-okta-verification-challenge'];
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(req.method === 'GET' ? JSON.stringify({ verification: answerVerification ? challenge : 'wrong' }) : '');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
});

afterAll(async () => {
  eventHookState(org).delivery.stop();
  server.closeAllConnections();
  receiver.closeAllConnections();
  await Promise.all([new Promise((r) => server.close(r)), new Promise((r) => receiver.close(r))]);
});

async function okta(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { Authorization: `SSWS ${token}`, Accept: 'application/json', 'Content-Type': 'application/json', ...(body === undefined ? { 'Content-Length': '0' } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

const hookBody = (items: string[], uri = receiverUrl, name = 'Test hook') => ({
  name,
  events: { type: 'EVENT_TYPE', items },
  channel: { type: 'HTTP', version: '1.0.0', config: { uri, headers: [{ key: 'X-Other-Header', value: 'my-header-value' }], authScheme: { type: 'HEADER', key: 'Authorization', value: SECRET } } },
});

const until = async (condition: () => boolean, ms = 3_000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error('not in time');
    await new Promise((r) => setTimeout(r, 10));
  }
};

async function createVerified(items: string[], name?: string): Promise<OktaObject> {
  const created = await okta('POST', '/api/v1/eventHooks', hookBody(items, receiverUrl, name));
  expect(created.status).toBe(200);
  const verified = await okta('POST', `/api/v1/eventHooks/${created.body.id}/lifecycle/verify`);
  expect(verified.status).toBe(200);
  return verified.body;
}

async function removeAll(): Promise<void> {
  for (const hook of (await okta('GET', '/api/v1/eventHooks')).body) {
    await okta('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`);
    expect((await okta('DELETE', `/api/v1/eventHooks/${hook.id}`)).status).toBe(204);
  }
}

afterEach(async () => {
  await removeAll();
  received.length = 0;
  answerVerification = true;
  failNext = 0;
});

test('the sandbox accepts exactly the event types the connector offers in its dropdown', () => {
  expect([...ELIGIBLE_EVENT_TYPES].sort()).toEqual(EVENT_HOOK_ELIGIBLE_TYPES.map((t) => t.type).sort());
});

test('create → ACTIVE, UNVERIFIED, the secret never returned; get, list, replace, verify, deactivate, delete', async () => {
  const created = await okta('POST', '/api/v1/eventHooks', hookBody(['user.lifecycle.create']));
  expect(created.body).toMatchObject({ status: 'ACTIVE', verificationStatus: 'UNVERIFIED', name: 'Test hook', events: { type: 'EVENT_TYPE', items: ['user.lifecycle.create'] } });
  expect(created.body.id).toMatch(/^who/);
  expect(created.body.channel.config.authScheme).toEqual({ type: 'HEADER', key: 'authorization' });
  expect(JSON.stringify(created.body)).not.toContain(SECRET);
  const id = created.body.id;
  expect((await okta('GET', `/api/v1/eventHooks/${id}`)).body.id).toBe(id);
  expect((await okta('GET', '/api/v1/eventHooks')).body.map((h: OktaObject) => h.id)).toEqual([id]);

  const verified = await okta('POST', `/api/v1/eventHooks/${id}/lifecycle/verify`);
  expect(verified.body.verificationStatus).toBe('VERIFIED');
  const challengeCall = received.find((r) => r.method === 'GET')!;
  expect(challengeCall.headers).toMatchObject({ authorization: SECRET, 'x-other-header': 'my-header-value', 'x-okta-verification-challenge': expect.any(String) });

  // Same channel: still verified. A new URI: must be verified again (spec, replaceEventHook).
  expect((await okta('PUT', `/api/v1/eventHooks/${id}`, hookBody(['user.lifecycle.create', 'user.lifecycle.activate']))).body).toMatchObject({ verificationStatus: 'VERIFIED', events: { items: ['user.lifecycle.create', 'user.lifecycle.activate'] } });
  expect((await okta('PUT', `/api/v1/eventHooks/${id}`, hookBody(['user.lifecycle.create'], `${receiverUrl}/v2`))).body.verificationStatus).toBe('UNVERIFIED');

  const active = await okta('DELETE', `/api/v1/eventHooks/${id}`);
  expect(active.status).toBe(400);
  expect(active.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: eventHook' });
  expect((await okta('POST', `/api/v1/eventHooks/${id}/lifecycle/deactivate`)).body.status).toBe('INACTIVE');
  expect((await okta('POST', `/api/v1/eventHooks/${id}/lifecycle/activate`)).body.status).toBe('ACTIVE');
  expect((await okta('POST', `/api/v1/eventHooks/${id}/lifecycle/deactivate`)).body.status).toBe('INACTIVE');
  expect((await okta('DELETE', `/api/v1/eventHooks/${id}`)).status).toBe(204);
  expect((await okta('GET', `/api/v1/eventHooks/${id}`)).body).toMatchObject({ errorCode: 'E0000007' });
});

// The table is built before beforeAll runs: a fixed loopback URI (never called) stands in for the receiver.
const LOOPBACK = 'http://127.0.0.1:9/hook';
test.each([
  ['no name', { ...hookBody(['user.lifecycle.create'], LOOPBACK), name: '' }, 'name: The field cannot be left blank'],
  ['an event type Okta does not deliver to hooks', hookBody(['user.lifecycle.nonsense'], LOOPBACK), 'events.items: user.lifecycle.nonsense is not an event hook-eligible event type'],
  ['no event types', hookBody([], LOOPBACK), 'events.items: At least one event type is required'],
  ['a plain-http URI off loopback', hookBody(['user.lifecycle.create'], 'http://example.com/hook'), 'channel.config.uri: Must be a valid HTTPS URI'],
])('create with %s is 400 E0000001 naming the field', async (_what, body, cause) => {
  const answer = await okta('POST', '/api/v1/eventHooks', body);
  expect(answer.status).toBe(400);
  expect(answer.body).toMatchObject({ errorCode: 'E0000001', errorSummary: 'Api validation failed: eventHook', errorCauses: [{ errorSummary: cause }] });
});

test('a wrong verification answer (after one retry on a 5xx) is 400 with Okta\'s wording, and the hook stays UNVERIFIED', async () => {
  answerVerification = false;
  const created = await okta('POST', '/api/v1/eventHooks', hookBody(['user.lifecycle.create'], receiverUrl, 'Payroll'));
  const answer = await okta('POST', `/api/v1/eventHooks/${created.body.id}/lifecycle/verify`);
  expect(answer).toMatchObject({ status: 400, body: { errorCode: 'E0000001', errorCauses: [{ errorSummary: 'Unable to verify event hook. Hook Payroll execution failed' }] } });
  expect((await okta('GET', `/api/v1/eventHooks/${created.body.id}`)).body.verificationStatus).toBe('UNVERIFIED');

  answerVerification = true;
  failNext = 1;
  received.length = 0;
  expect((await okta('POST', `/api/v1/eventHooks/${created.body.id}/lifecycle/verify`)).body.verificationStatus).toBe('VERIFIED');
  expect(received.filter((r) => r.method === 'GET')).toHaveLength(2);
});

test('at most 25 active, verified hooks: the 26th verification is refused; an inactive one does not count', async () => {
  for (let i = 0; i < 25; i++) await createVerified(['user.lifecycle.create'], `Hook ${i}`);
  const extra = await okta('POST', '/api/v1/eventHooks', hookBody(['user.lifecycle.create']));
  const refused = await okta('POST', `/api/v1/eventHooks/${extra.body.id}/lifecycle/verify`);
  expect(refused).toMatchObject({ status: 400, body: { errorCode: 'E0000001', errorCauses: [{ errorSummary: 'The maximum of 25 active and verified event hooks per org has been reached' }] } });
  const first = (await okta('GET', '/api/v1/eventHooks')).body[0];
  await okta('POST', `/api/v1/eventHooks/${first.id}/lifecycle/deactivate`);
  expect((await okta('POST', `/api/v1/eventHooks/${extra.body.id}/lifecycle/verify`)).body.verificationStatus).toBe('VERIFIED');
  expect((await okta('POST', `/api/v1/eventHooks/${first.id}/lifecycle/activate`)).status).toBe(400);
}, 30_000);

const target = [{ id: '00ub0oNGTSWTBKOLGLNR', type: 'User', alternateId: 'isaac@example.com', displayName: 'Isaac Brock' }];

test('deliveries: events close in time go in one batch with Okta\'s envelope and the auth header; other types and unverified hooks get nothing', async () => {
  const hook = await createVerified(['user.lifecycle.create', 'user.lifecycle.activate']);
  await okta('POST', '/api/v1/eventHooks', hookBody(['user.lifecycle.create'], `${receiverUrl}/unverified`));
  received.length = 0;
  org.log('user.lifecycle.create', 'Create Okta user', target);
  org.log('user.lifecycle.activate', 'Activate Okta user', target);
  org.log('user.lifecycle.suspend', 'Suspend Okta user', target);
  await until(() => received.length >= 1);
  await new Promise((r) => setTimeout(r, 100));
  expect(received).toHaveLength(1);
  const [delivery] = received;
  expect(delivery.method).toBe('POST');
  expect(delivery.headers).toMatchObject({ authorization: SECRET, 'content-type': 'application/json', 'x-other-header': 'my-header-value' });
  expect(delivery.body).toMatchObject({ eventType: 'com.okta.event_hook', eventTypeVersion: '1.0', cloudEventsVersion: '0.1', source: `${baseUrl}/api/v1/eventHooks/${hook.id}`, contentType: 'application/json' });
  expect(delivery.body.data.events.map((e: OktaObject) => e.eventType)).toEqual(['user.lifecycle.create', 'user.lifecycle.activate']);
  expect(delivery.body.data.events[0]).toEqual(org.logEvents[org.logEvents.length - 3]);
});

test('a 5xx delivery is retried once; a deactivated hook receives nothing', async () => {
  const hook = await createVerified(['group.user_membership.add']);
  received.length = 0;
  failNext = 1;
  org.log('group.user_membership.add', 'Add user to group membership', target);
  // The outcome is recorded once the retried delivery's answer is back, a moment after the receiver saw it.
  await until(() => received.length >= 2 && eventHookState(org).delivery.outcomes.some((o) => o.hookId === hook.id));
  expect(eventHookState(org).delivery.outcomes.at(-1)).toMatchObject({ hookId: hook.id, ok: true, status: 200 });
  expect(received.map((r) => r.body.data.events[0].uuid)).toEqual([org.logEvents.at(-1)!.uuid, org.logEvents.at(-1)!.uuid]);
  await okta('POST', `/api/v1/eventHooks/${hook.id}/lifecycle/deactivate`);
  received.length = 0;
  org.log('group.user_membership.add', 'Add user to group membership', target);
  await new Promise((r) => setTimeout(r, 150));
  expect(received).toEqual([]);
});

test('duplicateEvery: 1 delivers every batch twice (Okta delivers at least once)', async () => {
  const twice = new SandboxOrg('');
  configureHookDelivery(twice, { batchMs: 10, duplicateEvery: 1 });
  const routes = eventHooksRoutes(twice);
  const create = routes.find((r) => r.method === 'POST' && r.pattern === '/api/v1/eventHooks')!;
  const verify = routes.find((r) => r.pattern.endsWith('/lifecycle/verify'))!;
  const req = (body: unknown, params: Record<string, string> = {}) => ({ method: 'POST', params, query: new URLSearchParams(), headers: {}, body, baseUrl, url: new URL(baseUrl) });
  const created = (await create.handle(req(hookBody(['user.lifecycle.create'])))).body as OktaObject;
  await verify.handle(req(undefined, { id: created.id }));
  received.length = 0;
  twice.log('user.lifecycle.create', 'Create Okta user', target);
  await until(() => received.length >= 2);
  expect(received.map((r) => r.body.data.events[0].uuid)).toEqual([twice.logEvents[0].uuid, twice.logEvents[0].uuid]);
  eventHookState(twice).delivery.stop();
});

testSpecConformance(spec, 'event hooks', 10);
