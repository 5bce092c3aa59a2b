import nock from 'nock';
import { invoke } from '../../src';
import { ConnectorError } from '../../src/core/errors';
import { LifecycleAction, TRANSITIONS } from '../../src/okta/user-lifecycle';
import { getRegistry } from '../../src/runtime/registry';
import { SAMPLE_AUTH, SAMPLE_ORG } from '../support/sample-harness';
import { failure } from '../support/failure';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

const actions = Object.keys(TRANSITIONS) as LifecycleAction[];
const schemaProps = (schema: unknown) => (schema as { properties: Record<string, { default?: unknown }> }).properties;

describe('lifecycle operations match the endpoint facts in TRANSITIONS', () => {
  // Okta's defaults for sendEmail (spec): the schema default is what the connector always sends.
  const oktaSendEmailDefault: Partial<Record<LifecycleAction, boolean>> = { activate: true, reactivate: false, deactivate: false };

  test.each(actions)('%s_user', (action) => {
    const op = getRegistry().get(`${action}_user`)!;
    const input = schemaProps(op.inputSchema);
    const output = schemaProps(op.outputSchema);
    expect(input.send_email?.default).toBe(TRANSITIONS[action].sendEmail ? oktaSendEmailDefault[action] : undefined);
    expect('activation_token' in output).toBe(TRANSITIONS[action].activationToken === true);
    expect('activation_url' in output).toBe(TRANSITIONS[action].activationToken === true);
    expect(input.return_user.default).toBe(true);
  });
});

describe('lifecycleOperation', () => {
  test('a failed re-read says the action already happened and must not be repeated', async () => {
    const scope = nock(SAMPLE_ORG)
      .post('/api/v1/users/00ub0oNGTSWTBKOLGLNR/lifecycle/suspend').reply(200)
      .get('/api/v1/users/00ub0oNGTSWTBKOLGLNR')
      .reply(500, { errorCode: 'E0000009', errorSummary: 'Internal Server Error', errorCauses: [] }, { 'X-Okta-Request-Id': 'reqRead500' });
    const error = await failure(invoke('suspend_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth: SAMPLE_AUTH, maxRetries: 0 }));
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error.toJSON()).toMatchObject({
      type: 'api_error',
      status: 500,
      retryable: false,
      requestId: 'reqRead500',
      message: 'Suspend user succeeded, but reading the user back failed: Okta HTTP 500 E0000009: Internal Server Error. Do not repeat the action; read the user with Get user.',
    });
    expect(scope.isDone()).toBe(true);
  });

  test('errors that are not about the user status keep Okta’s message unchanged', async () => {
    nock(SAMPLE_ORG)
      .post('/api/v1/users/00ub0oNGTSWTBKOLGLNR/lifecycle/suspend')
      .reply(403, { errorCode: 'E0000006', errorSummary: 'You do not have permission to perform the requested action', errorCauses: [] });
    const error = await failure(invoke('suspend_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth: SAMPLE_AUTH }));
    expect(error.toJSON()).toMatchObject({
      type: 'permission_error',
      message: 'Okta HTTP 403 E0000006: You do not have permission to perform the requested action',
    });
  });

  test('a POST that fails with 5xx is not retried: Okta may have acted', async () => {
    const scope = nock(SAMPLE_ORG)
      .post('/api/v1/users/00ub0oNGTSWTBKOLGLNR/lifecycle/deactivate').query({ sendEmail: 'false' })
      .reply(500, { errorCode: 'E0000009', errorSummary: 'Internal Server Error', errorCauses: [] });
    const error = await failure(invoke('deactivate_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth: SAMPLE_AUTH }));
    expect(error.toJSON()).toMatchObject({ type: 'api_error', status: 500 });
    expect(scope.isDone()).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
