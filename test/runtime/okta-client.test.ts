import nock from 'nock';
import { apiTokenProvider } from '../../src/auth/api-token';
import { OktaClient, scopeFor } from '../../src/http/okta-client';
import { failure } from '../support/failure';

const ORG = 'https://retry.okta.com';
const TOKEN = 'tok-never-shown-0123456789';
const client = new OktaClient(apiTokenProvider({ domain: 'retry.okta.com', api_token: TOKEN }));
const okta = () => nock(ORG);
const err = (code: string) => ({ errorCode: code, errorSummary: code, errorCauses: [] });

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('OktaClient requests', () => {
  test('sends auth, JSON headers, a User-Agent and Content-Length: 0 on a bodyless POST', async () => {
    const scope = okta()
      .post('/api/v1/users/00u1/lifecycle/suspend')
      .matchHeader('authorization', `SSWS ${TOKEN}`)
      .matchHeader('accept', 'application/json')
      .matchHeader('content-type', 'application/json')
      .matchHeader('content-length', '0')
      .matchHeader('user-agent', /^okta-connector\/\d+\.\d+\.\d+$/)
      .reply(200);
    const res = await client.request({ method: 'POST', path: '/api/v1/users/00u1/lifecycle/suspend' }, scopeFor({}));
    expect(res).toMatchObject({ status: 200, body: null });
    expect(scope.isDone()).toBe(true);
  });

  test('waits for X-Rate-Limit-Reset measured against the response Date, then retries with X-Okta-Retry headers', async () => {
    const date = new Date(Date.now() + 3_600_000); // server clock an hour ahead: only Date vs Reset matters
    date.setMilliseconds(0);
    const reset = Math.floor(date.getTime() / 1000) + 1;
    okta()
      .get('/api/v1/users/00u1')
      .reply(429, err('E0000047'), { Date: date.toUTCString(), 'X-Rate-Limit-Reset': String(reset), 'X-Okta-Request-Id': 'first-req' });
    const retried = okta()
      .get('/api/v1/users/00u1')
      .matchHeader('x-okta-retry-for', 'first-req')
      .matchHeader('x-okta-retry-count', '1')
      .reply(200, { id: '00u1' });
    const started = Date.now();
    const res = await client.request({ method: 'GET', path: '/api/v1/users/00u1' }, scopeFor({}));
    const waited = Date.now() - started;
    expect(res.body).toEqual({ id: '00u1' });
    expect(retried.isDone()).toBe(true);
    expect(waited).toBeGreaterThanOrEqual(900);
    expect(waited).toBeLessThan(2_500);
  });

  test('a 429 whose wait would outlast the deadline fails at once as rate_limited, saying when to retry', async () => {
    const now = new Date();
    okta().get('/api/v1/users').reply(429, err('E0000047'), { Date: now.toUTCString(), 'X-Rate-Limit-Reset': String(Math.floor(now.getTime() / 1000) + 60) });
    const started = Date.now();
    const error = await failure(client.request({ method: 'GET', path: '/api/v1/users' }, scopeFor({ timeoutMs: 2_000 })));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(error).toMatchObject({ type: 'rate_limited', status: 429, retryable: true });
    expect(error.retryAfterSeconds).toBeGreaterThanOrEqual(59);
  });

  test('max_retries 0 turns retries off', async () => {
    okta().get('/api/v1/users').reply(503, err('E0000100'));
    const error = await failure(client.request({ method: 'GET', path: '/api/v1/users' }, scopeFor({ maxRetries: 0 })));
    expect(error).toMatchObject({ type: 'api_error', status: 503, retryable: true });
  });

  test('a 5xx on a GET is retried with backoff', async () => {
    okta().get('/api/v1/groups').reply(500, err('E0000009'));
    okta().get('/api/v1/groups').reply(200, []);
    const res = await client.request({ method: 'GET', path: '/api/v1/groups' }, scopeFor({ maxRetries: 1 }));
    expect(res.status).toBe(200);
  });

  test('a 5xx on a POST is never repeated: Okta may have acted', async () => {
    const first = okta().post('/api/v1/users', { profile: {} }).query(true).reply(502, 'Bad gateway');
    const second = okta().post('/api/v1/users').query(true).reply(200, {});
    const error = await failure(client.request({ method: 'POST', path: '/api/v1/users', query: { activate: false }, body: { profile: {} } }, scopeFor({ maxRetries: 3 })));
    expect(error).toMatchObject({ type: 'api_error', status: 502, retryable: false, message: expect.stringContaining('may have acted') });
    expect(first.isDone()).toBe(true);
    expect(second.isDone()).toBe(false);
  });

  test('a slow answer ends in a timeout within the request timeout', async () => {
    okta().get('/api/v1/users/slow').delay(2_000).reply(200, {});
    const started = Date.now();
    const error = await failure(client.request({ method: 'GET', path: '/api/v1/users/slow' }, scopeFor({ requestTimeoutMs: 200, maxRetries: 0 })));
    expect(error.type).toBe('timeout');
    expect(Date.now() - started).toBeLessThan(1_500);
  });

  test('an AbortSignal cancels the call', async () => {
    okta().get('/api/v1/users/slow').delay(2_000).reply(200, {});
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const error = await failure(client.request({ method: 'GET', path: '/api/v1/users/slow' }, scopeFor({ signal: controller.signal })));
    expect(error).toMatchObject({ type: 'timeout', message: expect.stringContaining('cancelled') });
  });

  test('malformed JSON in a success response is an api_error, not a crash', async () => {
    okta().get('/api/v1/users/00u1').reply(200, '{"id": "00u1"', { 'Content-Type': 'application/json' });
    const error = await failure(client.request({ method: 'GET', path: '/api/v1/users/00u1' }, scopeFor({ maxRetries: 0 })));
    expect(error).toMatchObject({ type: 'api_error', message: expect.stringContaining('malformed JSON') });
  });

  test('redirects are not followed', async () => {
    okta().get('/api/v1/users/00u1').reply(302, '', { Location: 'https://elsewhere.example.com/steal' });
    const elsewhere = nock('https://elsewhere.example.com').get('/steal').reply(200, {});
    const res = await client.request({ method: 'GET', path: '/api/v1/users/00u1' }, scopeFor({}));
    expect(res.status).toBe(302);
    expect(elsewhere.isDone()).toBe(false);
  });
});
