import nock from 'nock';
import { describeOperation, handleMessage, invoke, listOperations } from '../../src';
import { SAMPLE_AUTH, SAMPLE_ORG, SAMPLE_TOKEN } from '../support/sample-harness';

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe('handleMessage, the platform envelope', () => {
  test('wraps a result as success', async () => {
    nock(SAMPLE_ORG).get('/api/v1/users/00u1').reply(200, { id: '00u1', status: 'ACTIVE' });
    await expect(handleMessage({ operation: 'get_user', input: { user_id: '00u1' }, auth: SAMPLE_AUTH })).resolves.toEqual({
      outcome: 'success',
      output: { id: '00u1', status: 'ACTIVE' },
    });
  });

  test.each([
    ['an unknown operation', { operation: 'no_such_op', input: {}, auth: SAMPLE_AUTH }, 'Unknown operation "no_such_op"'],
    ['a missing credential', { operation: 'get_user', input: { user_id: '00u1' } }, 'auth is required'],
    ['a bad domain', { operation: 'get_user', input: { user_id: '00u1' }, auth: { domain: 'http://evil.example.com', api_token: SAMPLE_TOKEN } }, 'must use https'],
    ['a non-object message', null, 'The message must be'],
  ])('never throws: %s is a user_input_error', async (_what, message, text) => {
    const result = await handleMessage(message as never);
    expect(result).toMatchObject({ outcome: 'error', error: { type: 'user_input_error', message: expect.stringContaining(text) } });
    expect(JSON.stringify(result)).not.toContain(SAMPLE_TOKEN);
  });
});

describe('invoke', () => {
  test("never changes the caller's input, and fills schema defaults for the handler", async () => {
    const input = { fetch_all: true };
    nock(SAMPLE_ORG).get('/api/v1/users').query({ limit: '200' }).reply(200, []);
    await expect(invoke('list_users', input, { auth: SAMPLE_AUTH })).resolves.toEqual({ users: [], next_page_cursor: null, truncated: false });
    expect(input).toEqual({ fetch_all: true });
  });

  test('names every failing field and sends nothing', async () => {
    await expect(invoke('list_users', { limit: 500, sort_order: 'up', extra: 1 }, { auth: SAMPLE_AUTH })).rejects.toMatchObject({
      type: 'user_input_error',
      fields: ['extra', 'sort_order', 'limit'],
      message: expect.stringMatching(/extra is not a known field.*sort_order must be one of "asc", "desc".*limit must be <= 200/),
    });
  });
});

test('listOperations and describeOperation expose metadata, schemas and samples', () => {
  const names = listOperations().map((op) => op.name);
  expect(names).toContain('get_user');
  const described = describeOperation('get_user');
  expect(described).toMatchObject({ name: 'get_user', type: 'public', input_schema: { title: 'Get User Input' } });
  expect(Object.keys(described.samples)).toContain('success');
  expect(() => describeOperation('nope')).toThrow('Unknown operation');
});
