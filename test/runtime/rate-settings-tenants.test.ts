import http from 'node:http';
import { AddressInfo } from 'node:net';
import { invoke } from '../../src';
import { allowDestinations } from '../../src/http/destination-policy';
import { configureRateBudget, governorFor } from '../../src/http/rate-governor';

// Issue #12: the governor is per org (Okta's budget is the org's), but its settings used to follow whatever
// the last call passed, so one tenant's junk call could throttle every other tenant of that org.
const VICTIM_TOKEN = 'victim-token-0123456789abcdef';
const ATTACKER_TOKEN = 'junk-token-attacker-000000000';
const DELAY_MS = 150;

let server: http.Server;
let origin: string;
let inFlight = 0;
let maxInFlight = 0;
let requests = 0;
let disallow: () => void;

beforeAll(async () => {
  await configureRateBudget({}); // the defaults: headroom 0.1, 10 in flight per org
  server = http.createServer((req, res) => {
    requests++;
    if (req.headers.authorization !== `SSWS ${VICTIM_TOKEN}`) {
      res.writeHead(401, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ errorCode: 'E0000011', errorSummary: 'Invalid token provided', errorLink: 'E0000011', errorId: 'oae1', errorCauses: [] }));
      return;
    }
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ id: '00u1aaaaaaaaaaaaaaaa', status: 'ACTIVE', profile: { login: 'a@example.com', email: 'a@example.com' } }));
    }, DELAY_MS);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  disallow = allowDestinations(new URL(origin).host); // the test org on loopback, listed as an operator would
});

afterAll(async () => {
  disallow();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  maxInFlight = 0;
  requests = 0;
});

const victimCalls = (n: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => invoke('get_user', { user_id: `victim${i}@example.com` }, { auth: { domain: origin, api_token: VICTIM_TOKEN }, timeoutMs: 5_000 })));

test('a junk-token call asking for maxConcurrent 0 is refused before sending, and other tenants of the org are untouched', async () => {
  await expect(invoke('get_user', { user_id: 'x@example.com' }, { auth: { domain: origin, api_token: ATTACKER_TOKEN }, rateLimit: { maxConcurrent: 0 } }))
    .rejects.toMatchObject({ type: 'user_input_error', fields: ['rateLimit.maxConcurrent'] });
  expect(requests).toBe(0);
  await victimCalls(6);
  expect(maxInFlight).toBe(6);
  expect(governorFor(origin).settings).toEqual({ headroom: 0.1, maxConcurrent: 10 });
});

test("a call's lower concurrency and bigger reserve apply to that call alone, never to the org", async () => {
  await expect(invoke('get_user', { user_id: 'x@example.com' }, { auth: { domain: origin, api_token: ATTACKER_TOKEN }, rateLimit: { maxConcurrent: 1, headroom: 0.9 } }))
    .rejects.toMatchObject({ type: 'auth_error' });
  expect(requests).toBe(1);
  await victimCalls(6);
  // Before the fix the attacker's maxConcurrent: 1 became the org's setting and the victim's calls went one by one.
  expect(maxInFlight).toBe(6);
  expect(governorFor(origin).settings).toEqual({ headroom: 0.1, maxConcurrent: 10 });
});

test("the org's settings are the configuration's: a configured cap holds for every caller", async () => {
  await configureRateBudget({ maxConcurrent: 2 });
  try {
    await victimCalls(6);
    expect(maxInFlight).toBe(2);
  } finally {
    await configureRateBudget({});
  }
});
