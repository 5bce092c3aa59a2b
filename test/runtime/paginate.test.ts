import nock from 'nock';
import { apiTokenProvider } from '../../src/auth/api-token';
import { OktaClient, scopeFor } from '../../src/http/okta-client';
import { paginate, sameOriginPath } from '../../src/http/paginate';
import { failure, refusal } from '../support/failure';

const ORG = 'https://pages.okta.com';
const client = new OktaClient(apiTokenProvider({ domain: 'pages.okta.com', api_token: 'tok-pages-0123456789abcdef' }));
const USERS = { method: 'GET' as const, path: '/api/v1/users' };
const next = (after: string, limit = 2) => ({ Link: `<${ORG}/api/v1/users?limit=${limit}&after=${after}>; rel="next"` });
const users = (...ids: string[]) => ids.map((id) => ({ id }));

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

describe('paginate', () => {
  test('without fetch_all one page is read, with the cursor of the next one; max_results alone changes nothing', async () => {
    nock(ORG).get('/api/v1/users').query({ limit: '2', after: 'start', search: 'profile.department eq "x"' }).reply(200, users('a', 'b'), next('b'));
    const first = { ...USERS, query: { search: 'profile.department eq "x"' } };
    const page = await paginate(client, scopeFor({}), first, { limit: 2, after: 'start', max_results: 1 });
    expect(page).toEqual({ items: users('a', 'b'), next_page_cursor: 'b', truncated: false });
  });

  test('fetch_all follows each next link exactly as given until the list ends', async () => {
    nock(ORG).get('/api/v1/users').query({ limit: '2' }).reply(200, users('a', 'b'), next('b'));
    nock(ORG).get('/api/v1/users?limit=2&after=b').reply(200, users('c', 'd'), next('d'));
    nock(ORG).get('/api/v1/users?limit=2&after=d').reply(200, users('e'));
    const page = await paginate(client, scopeFor({}), USERS, { limit: 2, fetch_all: true });
    expect(page).toEqual({ items: users('a', 'b', 'c', 'd', 'e'), next_page_cursor: null, truncated: false });
  });

  test('a cap inside a page cuts it, says truncated, and gives no cursor (the rest of that page would be lost)', async () => {
    nock(ORG).get('/api/v1/users').query({ limit: '2' }).reply(200, users('a', 'b'), next('b'));
    nock(ORG).get('/api/v1/users?limit=2&after=b').reply(200, users('c', 'd'), next('d'));
    const page = await paginate(client, scopeFor({}), USERS, { limit: 2, fetch_all: true, max_results: 3 });
    expect(page).toEqual({ items: users('a', 'b', 'c'), next_page_cursor: null, truncated: true });
  });

  test('a cap the list never reaches is no truncation', async () => {
    nock(ORG).get('/api/v1/users').query({ limit: '2' }).reply(200, users('a', 'b'), next('b'));
    nock(ORG).get('/api/v1/users?limit=2&after=b').reply(200, users('c'));
    const page = await paginate(client, scopeFor({}), USERS, { limit: 2, fetch_all: true, max_results: 3 });
    expect(page).toEqual({ items: users('a', 'b', 'c'), next_page_cursor: null, truncated: false });
  });

  test('a last page exactly at the cap is no truncation either', async () => {
    nock(ORG).get('/api/v1/users').query({ limit: '2' }).reply(200, users('a', 'b'));
    const page = await paginate(client, scopeFor({}), USERS, { limit: 2, fetch_all: true, max_results: 2 });
    expect(page).toEqual({ items: users('a', 'b'), next_page_cursor: null, truncated: false });
  });

  test('a polling walk goes on past pages that have events and stops at the first empty one', async () => {
    const logs = (after: string) => ({ Link: `<${ORG}/api/v1/logs?after=${after}>; rel="next"` });
    nock(ORG).get('/api/v1/logs').query(true).reply(200, [{ uuid: 'e1' }], logs('x1'));
    nock(ORG).get('/api/v1/logs?after=x1').reply(200, [], logs('x2'));
    const page = await paginate(client, scopeFor({}), { method: 'GET', path: '/api/v1/logs' }, { fetch_all: true }, { stopOnEmptyPage: true });
    expect(page).toEqual({ items: [{ uuid: 'e1' }], next_page_cursor: 'x2', truncated: false });
  });

  test('outside a polling walk an empty page with a next link is followed (only polling stops there)', async () => {
    nock(ORG).get('/api/v1/users').query({ limit: '2' }).reply(200, [], next('a'));
    nock(ORG).get('/api/v1/users?limit=2&after=a').reply(200, users('b'));
    const page = await paginate(client, scopeFor({}), USERS, { limit: 2, fetch_all: true });
    expect(page).toEqual({ items: users('b'), next_page_cursor: null, truncated: false });
  });

  const link = (rels: Record<string, string>) => Object.entries(rels).map(([rel, url]) => `<${ORG}${url}>; rel="${rel}"`).join(', ');

  test('stops when next equals self instead of looping', async () => {
    nock(ORG).get('/api/v1/users').query({ limit: '1' }).reply(200, [{ id: 'a' }], { Link: link({ self: '/api/v1/users?limit=1&after=a', next: '/api/v1/users?limit=1&after=a' }) });
    const page = await paginate(client, scopeFor({}), { method: 'GET', path: '/api/v1/users' }, { limit: 1, fetch_all: true });
    expect(page).toEqual({ items: [{ id: 'a' }], next_page_cursor: null, truncated: false });
  });

  test('stops when a next link repeats an earlier one', async () => {
    nock(ORG).get('/api/v1/users').query({ limit: '1' }).reply(200, [{ id: 'a' }], { Link: link({ next: '/api/v1/users?limit=1&after=a' }) });
    nock(ORG).get('/api/v1/users').query({ limit: '1', after: 'a' }).reply(200, [{ id: 'b' }], { Link: link({ next: '/api/v1/users?limit=1&after=a' }) });
    const page = await paginate(client, scopeFor({}), { method: 'GET', path: '/api/v1/users' }, { limit: 1, fetch_all: true });
    expect(page.items).toEqual([{ id: 'a' }, { id: 'b' }]);
  });

  test('refuses a next link that leaves the org host', async () => {
    nock(ORG).get('/api/v1/users').query(true).reply(200, [{ id: 'a' }], { Link: '<https://evil.example.com/api/v1/users?after=a>; rel="next"' });
    const error = await failure(paginate(client, scopeFor({}), { method: 'GET', path: '/api/v1/users' }, { fetch_all: true }));
    expect(error).toMatchObject({ type: 'api_error', message: expect.stringContaining('off the org host') });
  });

  test('a cap that falls on a page boundary keeps the cursor for the next call', async () => {
    nock(ORG).get('/api/v1/users').query({ limit: '2' }).reply(200, [{ id: 'a' }, { id: 'b' }], { Link: link({ next: '/api/v1/users?limit=2&after=b' }) });
    const page = await paginate(client, scopeFor({}), { method: 'GET', path: '/api/v1/users' }, { limit: 2, fetch_all: true, max_results: 2 });
    expect(page).toEqual({ items: [{ id: 'a' }, { id: 'b' }], next_page_cursor: 'b', truncated: true });
  });

  test('an empty page ends a polling walk (System Log) but still returns the cursor to poll from', async () => {
    nock(ORG).get('/api/v1/logs').query(true).reply(200, [], { Link: link({ self: '/api/v1/logs?after=x1', next: '/api/v1/logs?after=x2' }) });
    const page = await paginate(client, scopeFor({}), { method: 'GET', path: '/api/v1/logs' }, { fetch_all: true }, { stopOnEmptyPage: true });
    expect(page).toEqual({ items: [], next_page_cursor: 'x2', truncated: false });
  });

  test('an answer that is not a list is an api_error naming what came back, with the status', async () => {
    nock(ORG).get('/api/v1/users').query(true).reply(200, { id: 'not-a-list' });
    const error = await failure(paginate(client, scopeFor({}), USERS, {}));
    expect(error).toMatchObject({ type: 'api_error', message: 'Okta returned object where a list was expected', status: 200 });
  });
});

describe('sameOriginPath', () => {
  test('keeps the path and query of a link on the org, absolute or relative', () => {
    expect(sameOriginPath(`${ORG}/api/v1/users?after=b&limit=2`, ORG)).toBe('/api/v1/users?after=b&limit=2');
    expect(sameOriginPath('/api/v1/users?after=c', ORG)).toBe('/api/v1/users?after=c');
  });

  test.each([
    ['another host', 'https://evil.example.com/api/v1/users?after=b', 'evil.example.com'],
    ['another port', 'https://pages.okta.com:8443/api/v1/users', 'pages.okta.com:8443'],
    ['plain http', 'http://pages.okta.com/api/v1/users', 'pages.okta.com'],
  ])('refuses a link to %s', (_case, link, host) => {
    expect(refusal(() => sameOriginPath(link, ORG))).toMatchObject({
      type: 'api_error',
      message: `Okta's next link points off the org host (${host}); paging stopped`,
    });
  });
});
