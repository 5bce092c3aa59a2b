/**
 * What a dry run previews, at unit level: a handler runs against a fake Okta context under `DryRun`, so each
 * test shows exactly which requests were sent, which were only planned, and how the plan shows them (secrets
 * masked by key, plain and masked headers, the query's shape, the note, where the plan stops). The OAuth scope
 * check a dry run makes before anything is sent is `missingScopesError`.
 */
import { ConnectorError } from '../../src/core/errors';
import type { OktaRequest } from '../../src/http/okta-request';
import { DryRun, MASK, missingScopesError } from '../../src/runtime/dry-run';
import type { OperationContext, OperationHandler } from '../../src/runtime/handler-kinds';
import { failure } from '../support/failure';

/** A context standing in for Okta: every request it gets is recorded and answered with 200 `{}`. */
function fakeOkta(): { ctx: OperationContext; sent: OktaRequest[] } {
  const sent: OktaRequest[] = [];
  const answer = async (request: OktaRequest) => (sent.push(request), { status: 200, headers: {}, body: {} as never });
  const ctx: OperationContext = {
    request: answer,
    rawRequest: answer,
    list: async (request) => (sent.push(request), { items: [], next_page_cursor: null, truncated: false }),
    dryRun: false,
  };
  return { ctx, sent };
}

/** A handler that sends `requests` one after the other. */
const sending = (...requests: OktaRequest[]): OperationHandler<unknown, unknown> => ({
  run: async (_input, ctx) => {
    for (const request of requests) await ctx.request(request);
  },
});

async function dryRun(handler: OperationHandler<unknown, unknown>) {
  const okta = fakeOkta();
  const plan = await new DryRun('test_op').run(handler, {}, okta.ctx);
  return { plan, sent: okta.sent };
}

/** How the plan shows one write. */
async function planned(request: OktaRequest): Promise<unknown> {
  const { plan, sent } = await dryRun(sending(request));
  expect(sent).toEqual([]);
  expect(plan.would_send).toHaveLength(1);
  return plan.would_send[0];
}

const NOTHING_SENT = 'Nothing would be sent: the call only reads, or the end state is already reached.';

describe('reads and writes', () => {
  test('GET, HEAD and OPTIONS are reads: sent to Okta and listed without their query, never planned', async () => {
    const reads: OktaRequest[] = [
      { method: 'GET', path: '/api/v1/users/00u1?expand=groups' },
      { method: 'HEAD', path: '/api/v1/users/00u1' },
      { method: 'OPTIONS', path: '/api/v1/groups' },
    ];
    const { plan, sent } = await dryRun(sending(...reads));
    expect(sent).toEqual(reads);
    expect(plan).toStrictEqual({
      dry_run: true,
      operation: 'test_op',
      would_send: [],
      reads: [
        { method: 'GET', path: '/api/v1/users/00u1' },
        { method: 'HEAD', path: '/api/v1/users/00u1' },
        { method: 'OPTIONS', path: '/api/v1/groups' },
      ],
      complete: true,
      note: NOTHING_SENT,
    });
  });

  test('POST, PUT, PATCH and DELETE are planned in order, not sent, and a complete plan with writes has no note', async () => {
    const { plan, sent } = await dryRun(
      sending(
        { method: 'POST', path: '/api/v1/groups' },
        { method: 'PUT', path: '/api/v1/groups/00g1' },
        { method: 'PATCH', path: '/api/v1/groups/00g1' },
        { method: 'DELETE', path: '/api/v1/groups/00g1' },
      ),
    );
    expect(sent).toEqual([]);
    expect(plan).toStrictEqual({
      dry_run: true,
      operation: 'test_op',
      would_send: [
        { method: 'POST', path: '/api/v1/groups' },
        { method: 'PUT', path: '/api/v1/groups/00g1' },
        { method: 'PATCH', path: '/api/v1/groups/00g1' },
        { method: 'DELETE', path: '/api/v1/groups/00g1' },
      ],
      reads: [],
      complete: true,
    });
  });

  test('the handler is told it runs in a dry run', async () => {
    let seen: boolean | undefined;
    await dryRun({ run: async (_input, ctx) => void (seen = ctx.dryRun) });
    expect(seen).toBe(true);
  });
});

describe('the body: secrets masked by key', () => {
  test('passwords, pass codes, answers, secrets and tokens are masked at any depth; other values are kept as they are', async () => {
    const body = {
      profile: { login: 'ann@example.com', nickName: null, age: 41, active: true, emails: ['a@example.com', 'b@example.com'] },
      credentials: {
        password: { value: 'Correct-Horse-9' },
        recovery_question: { question: 'First pet?', answer: 'Rex' },
        provider: { type: 'OKTA', name: 'OKTA' },
      },
      passCode: '123456',
      NewPassword: 'Other-Horse-1',
      client_secret: 'cs-1',
      sessionToken: 'st-1',
      tokens: ['t-1', 't-2'],
    };
    expect(await planned({ method: 'POST', path: '/api/v1/users', body })).toStrictEqual({
      method: 'POST',
      path: '/api/v1/users',
      body: {
        profile: { login: 'ann@example.com', nickName: null, age: 41, active: true, emails: ['a@example.com', 'b@example.com'] },
        credentials: {
          password: { value: '[masked]' },
          recovery_question: { question: 'First pet?', answer: '[masked]' },
          provider: { type: 'OKTA', name: 'OKTA' },
        },
        passCode: '[masked]',
        NewPassword: '[masked]',
        client_secret: '[masked]',
        sessionToken: '[masked]',
        tokens: ['[masked]', '[masked]'],
      },
    });
    expect(MASK).toBe('[masked]');
  });

  test('only keys named exactly value or salt are secrets: keys that merely contain the word are shown', async () => {
    const body = {
      credentials: { password: { hash: { algorithm: 'SHA-512', salt: 'pepper', saltOrder: 'PREFIX', value: 'aGFzaA==' } } },
      profile: { defaultValue: 'blue', valueLabel: 'Colour', seaSalt: 'fleur de sel' },
    };
    expect(await planned({ method: 'POST', path: '/api/v1/users', body })).toStrictEqual({
      method: 'POST',
      path: '/api/v1/users',
      body: {
        credentials: { password: { hash: { algorithm: 'SHA-512', salt: '[masked]', saltOrder: 'PREFIX', value: '[masked]' } } },
        profile: { defaultValue: 'blue', valueLabel: 'Colour', seaSalt: 'fleur de sel' },
      },
    });
  });

  test('a write without a body, or with a null body, shows no body at all', async () => {
    expect(await planned({ method: 'DELETE', path: '/api/v1/groups/00g1' })).toStrictEqual({ method: 'DELETE', path: '/api/v1/groups/00g1' });
    expect(await planned({ method: 'POST', path: '/api/v1/groups/00g1', body: null })).toStrictEqual({ method: 'POST', path: '/api/v1/groups/00g1' });
  });
});

describe('the query', () => {
  test('the inline query and the query object are shown together, a repeated key as a list, a single one as a string', async () => {
    expect(await planned({ method: 'POST', path: '/api/v1/users?activate=false&expand=a', query: { expand: ['b', 'c'], limit: 5, skip: undefined } })).toStrictEqual({
      method: 'POST',
      path: '/api/v1/users',
      query: { activate: 'false', expand: ['a', 'b', 'c'], limit: '5' },
    });
  });

  test('secret query values are masked, inline ones too, but the flags true and false stay plain', async () => {
    const plan = await planned({
      method: 'POST',
      path: '/api/v1/users/00u1/lifecycle/reset_password?token=abc',
      query: { tempPassword: true, sendEmail: false, activationToken: 'truest-token', recoveryToken: 'notfalse', passCode: ['111', '222'], nickName: 'plain' },
    });
    expect(plan).toStrictEqual({
      method: 'POST',
      path: '/api/v1/users/00u1/lifecycle/reset_password',
      query: { token: '[masked]', tempPassword: 'true', sendEmail: 'false', activationToken: '[masked]', recoveryToken: '[masked]', passCode: ['[masked]', '[masked]'], nickName: 'plain' },
    });
  });
});

describe('headers', () => {
  test('Accept, Accept-Language, Content-Type, If-Match and Prefer are shown in any case; every other header value is masked', async () => {
    const headers = {
      Accept: 'application/json',
      'Accept-Language': 'fr-CH',
      'content-type': 'application/merge-patch+json',
      'If-Match': 'W/"7"',
      PREFER: 'respond-async',
      Authorization: 'SSWS 00abc',
      'X-Custom-Key': 'hunter2',
    };
    expect(await planned({ method: 'PATCH', path: '/api/v1/apps/0oa1', headers })).toStrictEqual({
      method: 'PATCH',
      path: '/api/v1/apps/0oa1',
      headers: {
        Accept: 'application/json',
        'Accept-Language': 'fr-CH',
        'content-type': 'application/merge-patch+json',
        'If-Match': 'W/"7"',
        PREFER: 'respond-async',
        Authorization: '[masked]',
        'X-Custom-Key': '[masked]',
      },
    });
  });
});

describe('the note and where the plan stops', () => {
  test('a preflight that finds the end state reached plans nothing and its reason is the note', async () => {
    const handler: OperationHandler<unknown, unknown> = {
      preflight: async () => ({ unchanged: 'The user is already SUSPENDED.' }),
      run: async (_input, ctx) => void (await ctx.request({ method: 'POST', path: '/api/v1/users/00u1/lifecycle/suspend' })),
    };
    const { plan, sent } = await dryRun(handler);
    expect(sent).toEqual([]);
    expect(plan).toStrictEqual({ dry_run: true, operation: 'test_op', would_send: [], reads: [], complete: true, note: 'The user is already SUSPENDED.' });
  });

  test('an error before any write is the call’s own refusal and is thrown as it is', async () => {
    const refusal = new ConnectorError('user_input_error', 'Suspend user works only on ACTIVE users', { fields: ['user_id'] });
    const handler: OperationHandler<unknown, unknown> = {
      run: async (_input, ctx) => {
        await ctx.request({ method: 'GET', path: '/api/v1/users/00u1' });
        throw refusal;
      },
    };
    expect(await failure(dryRun(handler))).toBe(refusal);
  });

  test('an error after a write stops the plan there: complete is false and the note gives the reason', async () => {
    const write: OktaRequest = { method: 'POST', path: '/api/v1/groups' };
    const afterWrite = (thrown: unknown): OperationHandler<unknown, unknown> => ({
      run: async (_input, ctx) => {
        await ctx.request(write);
        throw thrown;
      },
    });
    const stopped = (await dryRun(afterWrite(new ConnectorError('api_error', 'The group has no id')))).plan;
    expect(stopped).toStrictEqual({
      dry_run: true,
      operation: 'test_op',
      would_send: [write],
      reads: [],
      complete: false,
      note: "The plan stops after the last write shown: the next step depends on Okta's answer (The group has no id).",
    });
    const other = (await dryRun(afterWrite(new TypeError("Cannot read properties of null (reading 'id')")))).plan;
    expect(other).toMatchObject({ complete: false, note: "The plan stops after the last write shown: the next step depends on Okta's answer (it needs the data Okta would answer)." });
  });
});

describe('the OAuth scopes a dry run checks first', () => {
  test('a credential whose scopes are not fixed is never refused', () => {
    expect(missingScopesError('suspend_user', undefined, ['okta.users.manage'])).toBeUndefined();
  });

  test('a granted scope covers itself, and okta.x.manage covers okta.x.read', () => {
    expect(missingScopesError('get_user', ['okta.users.read'], ['okta.users.read'])).toBeUndefined();
    expect(missingScopesError('get_user', ['okta.users.manage'], ['okta.users.read'])).toBeUndefined();
    expect(missingScopesError('add_user_to_group', ['okta.groups.manage', 'okta.users.manage'], ['okta.groups.manage', 'okta.users.read'])).toBeUndefined();
  });

  test('okta.x.read does not cover okta.x.manage, nor does a scope on another resource: a permission_error naming only what is missing', () => {
    const error = missingScopesError('add_user_to_group', ['okta.users.manage', 'okta.apps.read'], ['okta.users.read', 'okta.groups.read', 'okta.apps.manage']);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error!.toJSON()).toStrictEqual({
      type: 'permission_error',
      message: 'add_user_to_group needs the OAuth scope(s) okta.groups.read, okta.apps.manage, which auth.scopes does not grant',
      retryable: false,
      fields: ['auth.scopes'],
    });
  });
});
