import nock from 'nock';
import { main } from '../src/cli/main';
import { SAMPLE_AUTH, SAMPLE_ORG, SAMPLE_TOKEN } from './support/sample-harness';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
  jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out: () => out.join(''), err: () => err.join('') };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  jest.restoreAllMocks();
  nock.cleanAll();
});
afterAll(() => nock.enableNetConnect());

test('list prints every operation as JSON', async () => {
  const io = capture();
  expect(await main(['list'])).toBe(0);
  expect(JSON.parse(io.out())).toEqual(expect.arrayContaining([{ name: 'get_user', type: 'public', title: 'Get user' }]));
});

test('run calls Okta with the credential from the environment and prints the output', async () => {
  const io = capture();
  process.env.OKTA_DOMAIN = SAMPLE_AUTH.domain;
  process.env.OKTA_API_TOKEN = SAMPLE_TOKEN;
  try {
    nock(SAMPLE_ORG).get('/api/v1/users/00u1').matchHeader('authorization', `SSWS ${SAMPLE_TOKEN}`).reply(200, { id: '00u1', status: 'ACTIVE' });
    expect(await main(['run', 'get_user', '--input', '{"user_id":"00u1"}'])).toBe(0);
    expect(JSON.parse(io.out())).toEqual({ id: '00u1', status: 'ACTIVE' });
  } finally {
    delete process.env.OKTA_DOMAIN;
    delete process.env.OKTA_API_TOKEN;
  }
});

test('an Okta error goes to stderr as {"error"} with exit code 1 and no token', async () => {
  const io = capture();
  nock(SAMPLE_ORG).get('/api/v1/users/00u1').reply(404, { errorCode: 'E0000007', errorSummary: 'Not found: Resource not found: 00u1 (User)' });
  const code = await main(['run', 'get_user', '--input', '{"user_id":"00u1"}', '--auth', JSON.stringify(SAMPLE_AUTH)]);
  expect(code).toBe(1);
  expect(JSON.parse(io.err())).toMatchObject({ error: { type: 'user_input_error', status: 404, okta: { errorCode: 'E0000007' } } });
  expect(io.err() + io.out()).not.toContain(SAMPLE_TOKEN);
});

test('run --dry-run sends the reads and prints the writes it would send', async () => {
  const io = capture();
  nock(SAMPLE_ORG).get('/api/v1/users/00u1').reply(200, { id: '00u1', status: 'ACTIVE' });
  expect(await main(['run', 'suspend_user', '--dry-run', '--input', '{"user_id":"00u1","return_user":false}', '--auth', JSON.stringify(SAMPLE_AUTH)])).toBe(0);
  expect(JSON.parse(io.out())).toMatchObject({ dry_run: true, would_send: [{ method: 'POST', path: '/api/v1/users/00u1/lifecycle/suspend' }] });
  expect(nock.isDone()).toBe(true);
});

test.each([[['run', 'get_user', '--dry-run=yes']], [[]], [['frobnicate']], [['run']], [['run', 'get_user', '--input']], [['run', 'get_user', '--input', '{bad']], [['run', 'get_user', '--headroom', '2']]])('usage errors exit 2 with help: %j', async (argv) => {
  const io = capture();
  expect(await main(argv)).toBe(2);
  expect(io.out() + io.err()).toContain('Usage: okta-connector');
});
