import http from 'node:http';
import nock from 'nock';
import { invoke } from '../../src';
import { apiTokenProvider } from '../../src/auth/api-token';
import { OktaClient, scopeFor } from '../../src/http/okta-client';
import { SAMPLE_AUTH, SAMPLE_ORG, SAMPLE_TOKEN } from '../support/sample-harness';
import { failure } from '../support/failure';
import { allowTestOrg } from '../support/test-org-destination';

afterEach(() => nock.cleanAll());

describe('a redirect is never an empty success', () => {
  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());

  test('get_user answered 302 fails as api_error naming only the target host', async () => {
    nock(SAMPLE_ORG).get('/api/v1/users/00u1').reply(302, '', { Location: 'https://login.example.com/sso?token=abc123secret', 'X-Okta-Request-Id': 'req-302' });
    const error = await failure(invoke('get_user', { user_id: '00u1' }, { auth: SAMPLE_AUTH }));
    expect(error).toMatchObject({ type: 'api_error', status: 302, requestId: 'req-302', message: expect.stringContaining('login.example.com') });
    expect(error.message).not.toContain('abc123secret');
    expect(JSON.stringify(error)).not.toContain(SAMPLE_TOKEN);
  });

  test('delete_user does not report deleted: true when the DELETE was redirected', async () => {
    nock(SAMPLE_ORG).get('/api/v1/users/00u1').reply(200, { id: '00u1', status: 'DEPROVISIONED', profile: { login: 'a@example.com' } });
    nock(SAMPLE_ORG).delete('/api/v1/users/00u1').reply(301, '', { Location: 'https://acme.okta.com/elsewhere' });
    await expect(invoke('delete_user', { user_id: '00u1' }, { auth: SAMPLE_AUTH })).rejects.toMatchObject({ type: 'api_error', status: 301 });
  });

  test('a redirected list page fails instead of reading as a bad list', async () => {
    nock(SAMPLE_ORG).get('/api/v1/users').query(true).reply(307, '', { Location: 'https://acme.okta.com/api/v1/users' });
    await expect(invoke('list_users', {}, { auth: SAMPLE_AUTH })).rejects.toMatchObject({ type: 'api_error', status: 307, message: expect.stringContaining('redirect') });
  });

  test('raw HTTP still hands a 3xx back as it is', async () => {
    nock(SAMPLE_ORG).get('/api/v1/users/me').reply(302, '', { Location: 'https://acme.okta.com/login' });
    await expect(invoke('raw_http_request', { method: 'GET', path: '/api/v1/users/me' }, { auth: SAMPLE_AUTH })).resolves.toMatchObject({ status_code: 302 });
  });
});

describe('network-error retries respect the deadline', () => {
  test('a backoff longer than the time left ends the call at once with the network error, not a late timeout', async () => {
    const probe = http.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const { port } = probe.address() as { port: number };
    await new Promise((resolve) => probe.close(resolve)); // nothing listens there now: ECONNREFUSED
    allowTestOrg(port);
    const client = new OktaClient(apiTokenProvider({ domain: `http://127.0.0.1:${port}`, api_token: 'tok-never-shown-0123456789' }));
    const started = Date.now();
    const error = await failure(client.request({ method: 'GET', path: '/api/v1/users' }, scopeFor({ timeoutMs: 300, maxRetries: 2 })));
    expect(Date.now() - started).toBeLessThan(300);
    expect(error).toMatchObject({ type: 'api_error', retryable: true, message: expect.stringContaining('ECONNREFUSED') });
  });
});
