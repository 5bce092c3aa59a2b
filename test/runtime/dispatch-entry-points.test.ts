/**
 * The dispatcher's entry points at unit level: which errors (type, message, fields) a bad call gets, what a
 * handler is given, how `auth.scopes` bounds a dry run, and the dynamic-schema entry point's refusals.
 */
import { generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { handleMessage, invoke } from '../../src';
import { dynamicSchemaPatches } from '../../src/runtime/dispatch';
import { OperationContext, OperationHandler } from '../../src/runtime/handler-kinds';
import { getRegistry } from '../../src/runtime/registry';
import { failure } from '../support/failure';
import { SAMPLE_AUTH, SAMPLE_ORG, SAMPLE_TOKEN, watchUnmatched } from '../support/sample-harness';

const PRIVATE_KEY = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
let clients = 0;
/** An OAuth service-app credential for the sample org; a new client each time, so no token is cached across tests. */
const oauth = (extra: Record<string, unknown> = {}) => ({ domain: SAMPLE_ORG, client_id: `0oa-dispatch-${++clients}`, private_key: PRIVATE_KEY, ...extra });

const ACTIVE_USER = { id: '00u1', status: 'ACTIVE', profile: { login: 'a@example.com' } };
const SUSPEND_PLAN = {
  dry_run: true,
  operation: 'suspend_user',
  // The preflight's read of the user, and the handler's read-back after the (planned) write.
  reads: [{ method: 'GET', path: '/api/v1/users/00u1' }, { method: 'GET', path: '/api/v1/users/00u1' }],
  would_send: [{ method: 'POST', path: '/api/v1/users/00u1/lifecycle/suspend' }],
  complete: true,
};

/** A user schema with one custom attribute, as Okta answers GET /api/v1/meta/schemas/user/default. */
const USER_SCHEMA = {
  id: 'https://acme.okta.com/meta/schemas/user/default',
  definitions: {
    base: { id: '#base', type: 'object', properties: { login: { title: 'Username', type: 'string' }, nickName: { title: 'Nickname', type: 'string' } }, required: ['login'] },
    custom: { id: '#custom', type: 'object', properties: { badgeId: { title: 'Badge ID', type: 'string' } }, required: ['badgeId'] },
  },
};
const BADGE = { title: 'Badge ID', description: 'Custom attribute badgeId.', type: 'string' };

function stubHandler(operation: string, handler: OperationHandler<unknown, unknown>): void {
  jest.spyOn(getRegistry().get(operation)!, 'handler').mockReturnValue(handler);
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  jest.restoreAllMocks();
});
afterAll(() => nock.enableNetConnect());

describe('an unknown operation', () => {
  test('invoke names the operation and the field "operation"', async () => {
    const error = await failure(invoke('no_such_op', {}, { auth: SAMPLE_AUTH }));
    expect(error).toMatchObject({ type: 'user_input_error', message: 'Unknown operation "no_such_op"', fields: ['operation'] });
  });

  test('the dynamic-schema entry point refuses it the same way', async () => {
    const error = await failure(dynamicSchemaPatches('no_such_op', 'input', {}, { auth: SAMPLE_AUTH }));
    expect(error).toMatchObject({ type: 'user_input_error', message: 'Unknown operation "no_such_op"', fields: ['operation'] });
  });
});

describe('handleMessage', () => {
  test('a message that is a string, not an object, is refused as such (not read as an operation name)', async () => {
    const result = await handleMessage('get_user' as never);
    expect(result).toEqual({
      outcome: 'error',
      error: { type: 'user_input_error', message: 'The message must be { operation, input, auth }', retryable: false },
    });
  });
});

describe('invoke', () => {
  test('no input at all is the empty input: schema defaults are filled for the handler', async () => {
    nock(SAMPLE_ORG).get('/api/v1/users').query({ limit: '200' }).reply(200, []);
    await expect(invoke('list_users', undefined, { auth: SAMPLE_AUTH })).resolves.toEqual({ users: [], next_page_cursor: null, truncated: false });
  });

  test("a real call's handler is told it is not a dry run", async () => {
    const seen: boolean[] = [];
    stubHandler('get_user', { run: async (_input: unknown, ctx: OperationContext) => (seen.push(ctx.dryRun), { id: '00u1' }) });
    await expect(invoke('get_user', { user_id: '00u1' }, { auth: SAMPLE_AUTH })).resolves.toEqual({ id: '00u1' });
    expect(seen).toEqual([false]);
  });
});

describe('a dry run with an OAuth credential', () => {
  test('fixed to scopes the operation lacks: permission_error on auth.scopes, before any token request or read', async () => {
    const watch = watchUnmatched();
    try {
      const error = await failure(invoke('suspend_user', { user_id: '00u1' }, { auth: oauth({ scopes: ['okta.users.read'] }), dryRun: true }));
      expect(error).toMatchObject({ type: 'permission_error', fields: ['auth.scopes'], retryable: false });
      expect(error.message).toBe('suspend_user needs the OAuth scope(s) okta.users.manage, which auth.scopes does not grant');
    } finally {
      watch.stop();
    }
    expect(watch.unmatched).toEqual([]);
  });

  test("without auth.scopes: the token asks for the operation's own scopes, so the dry run goes ahead", async () => {
    let tokenForm = '';
    nock(SAMPLE_ORG)
      .post('/oauth2/v1/token', (body) => ((tokenForm = new URLSearchParams(body as Record<string, string>).get('scope') ?? ''), true))
      .reply(200, { access_token: 'at-1', token_type: 'Bearer', expires_in: 3600 });
    nock(SAMPLE_ORG).get('/api/v1/users/00u1').times(2).matchHeader('authorization', 'Bearer at-1').reply(200, ACTIVE_USER);
    await expect(invoke('suspend_user', { user_id: '00u1' }, { auth: oauth(), dryRun: true })).resolves.toEqual(SUSPEND_PLAN);
    expect(tokenForm).toBe('okta.users.manage');
  });

  test.each([[[]], [null], ['']])('auth.scopes naming no scope (%j) is not given: a write is planned, not refused', async (scopes) => {
    nock(SAMPLE_ORG).post('/oauth2/v1/token').optionally().reply(200, { access_token: 'at-2', token_type: 'Bearer', expires_in: 3600 });
    nock(SAMPLE_ORG).get('/api/v1/users/00u1').times(2).reply(200, ACTIVE_USER);
    await expect(invoke('suspend_user', { user_id: '00u1' }, { auth: oauth({ scopes }), dryRun: true })).resolves.toEqual(SUSPEND_PLAN);
  });
});

test('a dry run with an API token is never refused for scopes: a stray auth.scopes only bounds OAuth tokens', async () => {
  nock(SAMPLE_ORG).get('/api/v1/users/00u1').times(2).matchHeader('authorization', `SSWS ${SAMPLE_TOKEN}`).reply(200, ACTIVE_USER);
  const auth = { ...SAMPLE_AUTH, scopes: ['okta.users.read'] };
  await expect(invoke('suspend_user', { user_id: '00u1' }, { auth, dryRun: true })).resolves.toEqual(SUSPEND_PLAN);
});

describe('dynamicSchemaPatches', () => {
  const defaultSchema = () => nock(SAMPLE_ORG).get('/api/v1/meta/schemas/user/default').reply(200, USER_SCHEMA);

  test('the input side of create_user: the custom attributes, required as the org says; no input is the empty form', async () => {
    const expected = [{ at: ['profile'], properties: { badgeId: BADGE }, required: ['badgeId'], advanced: ['nickName'] }];
    defaultSchema();
    await expect(dynamicSchemaPatches('create_user', 'input', {}, { auth: SAMPLE_AUTH })).resolves.toEqual(expected);
    defaultSchema();
    await expect(dynamicSchemaPatches('create_user', 'input', undefined, { auth: SAMPLE_AUTH })).resolves.toEqual(expected);
  });

  test('the output side of get_user: the custom attributes, nullable', async () => {
    defaultSchema();
    await expect(dynamicSchemaPatches('get_user', 'output', {}, { auth: SAMPLE_AUTH })).resolves.toEqual([
      { at: ['profile'], properties: { badgeId: { ...BADGE, type: ['string', 'null'] } } },
    ]);
  });

  test('a side the operation does not declare dynamic gets no patches, whatever the form holds and with no credential', async () => {
    await expect(dynamicSchemaPatches('get_user', 'input', 'not a form', { auth: undefined })).resolves.toEqual([]);
    await expect(dynamicSchemaPatches('get_group', 'input', {}, { auth: undefined })).resolves.toEqual([]);
  });

  test.each(['both', 'Input', ''])('side %j is refused, naming the field "side"', async (side) => {
    const error = await failure(dynamicSchemaPatches('create_user', side as never, {}, { auth: undefined }));
    expect(error).toMatchObject({ type: 'user_input_error', message: 'The schema side must be "input" or "output"', fields: ['side'] });
  });

  test.each([
    ['null', null],
    ['a string', 'type_id=oty1'],
    ['a number', 0],
    ['an array', [{ type_id: 'oty1' }]],
  ])('a form that is %s is refused before the credential is read', async (_what, input) => {
    const error = await failure(dynamicSchemaPatches('create_user', 'input', input, { auth: undefined }));
    expect(error).toMatchObject({ type: 'user_input_error', message: 'input must be an object (the form filled so far)', fields: ['input'] });
  });

  test('an operation that declares dynamic_schema without a schema() is a connector_error naming it', async () => {
    stubHandler('create_user', { run: async () => ({}) });
    const error = await failure(dynamicSchemaPatches('create_user', 'input', {}, { auth: SAMPLE_AUTH }));
    expect(error).toMatchObject({ type: 'connector_error', message: 'Operation "create_user" declares dynamic_schema but its handler has no schema()' });
  });
});
