import http from 'node:http';
import { AddressInfo } from 'node:net';
import { pollTrigger } from '../../src';
import { RunningSandbox, startSandbox } from '../../src/sandbox';
import { allowTestOrg } from '../support/test-org-destination';

/*
 * The polling trigger across crashes, against the sandbox's System Log (persistence-ordered polling, next links
 * always present). A "crash" is a poll whose checkpoint is never saved: the platform polls again with the old one.
 */
let sandbox: RunningSandbox;
let proxy: http.Server;
let proxyUrl: string;
/** Requests to /api/v1/logs through the proxy that answer 500 (counted from 1); the rest pass through. */
let failing = new Set<number>();
let logRequests = 0;
let revoke: () => void;

beforeAll(async () => {
  sandbox = await startSandbox({ users: 1 });
  // A proxy in front of the sandbox that can fail one page of a poll, as a dropped connection or a 5xx would.
  proxy = http.createServer((req, res) => {
    if (req.url?.startsWith('/api/v1/logs') && failing.has(++logRequests)) {
      res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ errorCode: 'E0000009', errorSummary: 'Internal Server Error', errorCauses: [] }));
      return;
    }
    const upstream = http.request(`${sandbox.url}${req.url}`, { method: req.method, headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode!, answer.headers);
      answer.pipe(res);
    });
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
  revoke = allowTestOrg(proxyUrl);
});
afterAll(async () => {
  revoke();
  proxy.closeAllConnections();
  await new Promise((r) => proxy.close(r));
  await sandbox.close();
});
beforeEach(() => {
  failing = new Set();
  logRequests = 0;
});

const input = (extra: Record<string, unknown> = {}) => ({ filter: 'eventType eq "group.lifecycle.create"', since: new Date(Date.now() - 60_000).toISOString(), ...extra });
const options = () => ({ auth: { domain: proxyUrl, api_token: sandbox.token }, maxRetries: 0 });
const poll = (extra: Record<string, unknown>, checkpoint?: string) => pollTrigger('system_log_poll_trigger', input(extra), checkpoint, options()) as Promise<{ events: Array<{ uuid: string; targets: Array<{ display_name: string }> }>; checkpoint: string; more: boolean }>;
const names = (events: Array<{ targets: Array<{ display_name: string }> }>) => events.map((e) => e.targets[0].display_name);

let groups = 0;
function createGroups(count: number): string[] {
  const made: string[] = [];
  for (let i = 0; i < count; i++) {
    const name = `Crash group ${++groups}`;
    sandbox.org.log('group.lifecycle.create', 'Create okta group', [{ id: `00g${groups}`, type: 'UserGroup', displayName: name }]);
    made.push(name);
  }
  return made;
}

test('a crash between polls loses nothing: the unsaved poll\'s events come again, then each event once', async () => {
  const start = await poll({});
  const saved = start.checkpoint;
  const batch1 = createGroups(3);
  const lost = await poll({}, saved); // handled, then the process dies before saving lost.checkpoint
  expect(names(lost.events)).toEqual(batch1);
  const batch2 = createGroups(2);
  const retried = await poll({}, saved); // after the restart: the old checkpoint
  expect(names(retried.events)).toEqual([...batch1, ...batch2]);
  const next = await poll({}, retried.checkpoint);
  expect(next.events).toEqual([]);
  const batch3 = createGroups(1);
  expect(names((await poll({}, next.checkpoint)).events)).toEqual(batch3);
});

// The page size is fixed by the first poll: Okta's next links carry it on.
test('a page failing mid-poll returns what the earlier pages covered, with a checkpoint covering exactly them', async () => {
  const start = await poll({ page_size: 2 });
  const made = createGroups(5);
  logRequests = 0;
  failing = new Set([3]); // pages of 2: the third request (events 5..) fails
  const partial = await poll({ page_size: 2 }, start.checkpoint);
  expect(names(partial.events)).toEqual(made.slice(0, 4));
  expect(partial.more).toBe(true);
  const rest = await poll({ page_size: 2 }, partial.checkpoint);
  expect(names(rest.events)).toEqual(made.slice(4));
  expect(rest.more).toBe(false);
});

test('the first page failing is the caller\'s error: no checkpoint moves', async () => {
  const start = await poll({});
  createGroups(1);
  logRequests = 0;
  failing = new Set([1]);
  await expect(poll({}, start.checkpoint)).rejects.toMatchObject({ type: 'api_error', status: 500 });
  expect((await poll({}, start.checkpoint)).events).toHaveLength(1);
});

test('each poll spends at most max_pages requests of the System Log\'s small rate-limit bucket', async () => {
  const start = await poll({ page_size: 2 });
  createGroups(7);
  logRequests = 0;
  const capped = await poll({ page_size: 2, max_pages: 2 }, start.checkpoint);
  expect([capped.events.length, capped.more, logRequests]).toEqual([4, true, 2]);
});
