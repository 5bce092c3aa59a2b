import http from 'node:http';
import { invoke } from '../../src/index';
import { groupsRoutes } from '../../src/sandbox/groups/groups';
import { OktaObject, SandboxOrg } from '../../src/sandbox/core/org';
import { createSandboxServer, listen } from '../../src/sandbox/core/server';
import { systemLogRoutes } from '../../src/sandbox/logs/system-log';
import { SandboxSpecCheck, testSpecConformance } from '../support/sandbox-spec-check';
import { addUser } from './fixture-users';
import { allowTestOrg } from '../support/test-org-destination';

const token = 'sandbox-system-log-test-token';
const DAY = 24 * 60 * 60 * 1000;
const org = new SandboxOrg('');
const spec = new SandboxSpecCheck();
let server: http.Server;
let baseUrl: string;

const run = (operation: string, input: unknown): Promise<any> => invoke(operation, input, { auth: { domain: baseUrl, api_token: token } });
const raw = (query: string) => fetch(`${baseUrl}/api/v1/logs?${query}`, { headers: { Authorization: `SSWS ${token}`, Accept: 'application/json' } });
const logRequests = () => spec.recorded.filter((r) => r.path === '/api/v1/logs');
const iso = (ms: number) => new Date(ms).toISOString();
let started: number;
let groupIds: string[];

beforeAll(async () => {
  const admin = addUser(org, 'Ada', 'Admin');
  org.adminId = admin.id;
  server = createSandboxServer({ routes: spec.wrap([...groupsRoutes(org), ...systemLogRoutes(org)]), token });
  baseUrl = await listen(server);
  allowTestOrg(baseUrl);
  started = Date.now() - 1000;
  // Writes through the connector are what fill the System Log: 3 creates, 1 membership add.
  groupIds = [];
  for (const name of ['Finance', 'Legal', 'Marketing']) groupIds.push((await run('create_group', { name })).id);
  await run('add_user_to_group', { group_id: groupIds[0], user_id: admin.id });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  server.closeAllConnections();
});

const types = (events: OktaObject[]) => events.map((e) => e.eventType);

describe('bounded queries (until given)', () => {
  test('page with next links ordered by published, and end without one', async () => {
    const until = iso(Date.now() + 1000);
    const first = await run('list_system_logs', { since: iso(started), until, limit: 3 });
    expect(types(first.events)).toEqual(['group.lifecycle.create', 'group.lifecycle.create', 'group.lifecycle.create']);
    expect(first.events.map((e: OktaObject) => e.target[0].displayName)).toEqual(['Finance', 'Legal', 'Marketing']);
    expect(first.events[0]).toMatchObject({ actor: { id: org.adminId, type: 'User', alternateId: 'ada.admin@example.com' }, outcome: { result: 'SUCCESS' } });
    expect(first.next_page_cursor).toEqual(expect.any(String));
    // `after` replaces `since` (Okta refuses the pair); the cursor keeps the window's lower bound.
    const second = await run('list_system_logs', { until, after: first.next_page_cursor, limit: 3 });
    expect(types(second.events)).toEqual(['group.user_membership.add']);
    expect(second.next_page_cursor).toBeNull();
    const all = await run('list_system_logs', { since: iso(started), until, limit: 1, fetch_all: true });
    expect(all.events.map((e: OktaObject) => e.uuid)).toEqual([...first.events, ...second.events].map((e: OktaObject) => e.uuid));
    expect(all.next_page_cursor).toBeNull();
  });

  test('DESCENDING without until is bounded at now: newest first, finite', async () => {
    const newest = await run('list_system_logs', { since: iso(started), sort_order: 'DESCENDING', limit: 3, fetch_all: true });
    expect(types(newest.events)).toEqual(['group.user_membership.add', 'group.lifecycle.create', 'group.lifecycle.create', 'group.lifecycle.create']);
    expect(newest.events[3].target[0].displayName).toBe('Finance');
    expect(newest.next_page_cursor).toBeNull();
  });

  test('since defaults to 7 days before until', async () => {
    const old = { ...structuredClone(org.logEvents[0]), uuid: 'old-event', published: iso(Date.now() - 10 * DAY) };
    org.logEvents.unshift(old);
    try {
      const until = iso(Date.now() + 1000);
      expect((await run('list_system_logs', { until, limit: 100 })).events.map((e: OktaObject) => e.uuid)).not.toContain('old-event');
      expect((await run('list_system_logs', { since: iso(Date.now() - 11 * DAY), until })).events[0].uuid).toBe('old-event');
    } finally {
      org.logEvents.shift();
    }
  });
});

describe('polling (no until, ASCENDING)', () => {
  test('fetch_all stops on the empty page, whose next link repeats the cursor, and returns that cursor', async () => {
    const before = logRequests().length;
    const polled = await run('list_system_logs', { since: iso(started), limit: 2, fetch_all: true });
    expect(types(polled.events)).toEqual(['group.lifecycle.create', 'group.lifecycle.create', 'group.lifecycle.create', 'group.user_membership.add']);
    // 2 full pages, then an empty one that still has a next link (the same cursor): the walk stops there.
    expect(logRequests().length - before).toBe(3);
    const last = logRequests().at(-1)!;
    expect(last.body).toEqual([]);
    expect(last.query.after).toBe(polled.next_page_cursor);
    expect(polled.truncated).toBe(false);

    const again = await run('list_system_logs', { after: polled.next_page_cursor });
    expect(again).toEqual({ events: [], next_page_cursor: polled.next_page_cursor, truncated: false });

    await run('create_group', { name: 'Security' });
    const fresh = await run('list_system_logs', { after: polled.next_page_cursor, fetch_all: true });
    expect(fresh.events.map((e: OktaObject) => e.target[0].displayName)).toEqual(['Security']);
    expect(fresh.next_page_cursor).not.toBe(polled.next_page_cursor);
    expect((await run('list_system_logs', { after: fresh.next_page_cursor })).events).toEqual([]);
  });

  test('a raw polling answer always carries rel="next", even when empty', async () => {
    const response = await raw(`since=${encodeURIComponent(iso(Date.now() + 60_000))}`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([]);
    expect(response.headers.get('link')).toMatch(/rel="self", <[^>]+after=[^>]+>; rel="next"$/);
  });
});

describe('filter and q', () => {
  test('filter is SCIM over event fields; values compare case-insensitively', async () => {
    const since = iso(started);
    const adds = await run('list_system_logs', { since, filter: 'eventType eq "group.user_membership.add"', until: iso(Date.now() + 1000) });
    expect(types(adds.events)).toEqual(['group.user_membership.add']);
    const upper = await run('list_system_logs', { since, filter: `target.id eq "${groupIds[1]}" and eventType sw "GROUP.LIFECYCLE"`, until: iso(Date.now() + 1000) });
    expect(upper.events.map((e: OktaObject) => e.target[0].displayName)).toEqual(['Legal']);
  });

  test('an unparsable filter is 400 E0000053 "Invalid SCIM filter"; a filter on published is 400 E0000031', async () => {
    await expect(run('list_system_logs', { filter: 'eventType equals "user.session.start"' })).rejects.toMatchObject({
      type: 'user_input_error',
      status: 400,
      okta: { errorCode: 'E0000053' },
      message: 'Okta HTTP 400 E0000053: Invalid SCIM filter',
    });
    await expect(run('list_system_logs', { filter: 'published gt "2024-01-01T00:00:00.000Z"' })).rejects.toMatchObject({ status: 400, okta: { errorCode: 'E0000031' } });
  });

  test('q matches whole keywords of the message, event type, actor and targets', async () => {
    const until = iso(Date.now() + 1000);
    const legal = await run('list_system_logs', { since: iso(started), until, q: 'legal' });
    expect(legal.events.map((e: OktaObject) => e.target[0].displayName)).toEqual(['Legal']);
    const membership = await run('list_system_logs', { since: iso(started), until, q: 'membership Finance' });
    expect(types(membership.events)).toEqual(['group.user_membership.add']);
    expect((await run('list_system_logs', { since: iso(started), until, q: 'Leg' })).events).toEqual([]);
    await expect(run('list_system_logs', { q: 'x'.repeat(41) })).rejects.toMatchObject({ status: 400, okta: { errorCode: 'E0000001' } });
  });
});

describe('parameter errors', () => {
  // DOCS-syslog "Errors": E0000053 "Invalid parameter: The since parameter is over 180 days prior to the current day."
  test('since more than 180 days ago is 400 E0000053 with Okta\'s summary', async () => {
    await expect(run('list_system_logs', { since: iso(Date.now() - 181 * DAY) })).rejects.toMatchObject({ type: 'user_input_error', status: 400, okta: { errorCode: 'E0000053' } });
    const response = await raw(`since=${encodeURIComponent(iso(Date.now() - 181 * DAY))}`);
    expect(await response.json()).toMatchObject({ errorCode: 'E0000053', errorSummary: 'Invalid parameter: The since parameter is over 180 days prior to the current day.', errorCauses: [] });
  });

  // DOCS-syslog "Data retention": events older than 90 days are not returned; "Queries that exceed the retention
  // period succeed, but only those results that have a published timestamp within the window are returned."
  test('since between 90 and 180 days ago succeeds, without events older than 90 days', async () => {
    const ancient = { ...structuredClone(org.logEvents[0]), uuid: 'ancient-event', published: iso(Date.now() - 120 * DAY) };
    org.logEvents.unshift(ancient);
    try {
      const { events } = await run('list_system_logs', { since: iso(Date.now() - 150 * DAY), until: iso(Date.now() + 1000), fetch_all: true });
      expect(events.length).toBeGreaterThan(0);
      expect(events.map((e: OktaObject) => e.uuid)).not.toContain('ancient-event');
    } finally {
      org.logEvents.shift();
    }
  });

  // DOCS-syslog "Errors": an unreadable date is E0000001 with these two causes.
  test('an unreadable until is 400 E0000001 with Okta\'s causes', async () => {
    const response = await raw('until=yesterday');
    expect(await response.json()).toMatchObject({
      errorCode: 'E0000001',
      errorSummary: "Api validation failed: 'until': The date format in your query is not recognized. Please enter dates using ISO8601 string format. 'until': must be a valid date-time or empty.",
      errorCauses: [{ errorSummary: 'until: The date format in your query is not recognized. Please enter dates using ISO8601 string format.' }, { errorSummary: 'until: must be a valid date-time or empty.' }],
    });
  });

  test('after with since, a bad cursor, and a bad date are 400 E0000001', async () => {
    for (const query of [`after=1_1&since=${encodeURIComponent(iso(started))}`, 'after=not-a-cursor', 'since=yesterday', `since=${iso(Date.now())}&until=${iso(Date.now() - DAY)}`]) {
      const response = await raw(query);
      expect({ query, status: response.status }).toEqual({ query, status: 400 });
      expect(await response.json()).toMatchObject({ errorCode: 'E0000001' });
    }
  });
});

testSpecConformance(spec, 'system log', 5);
