import { invoke } from '../../src';
import { MIN_API_TOKEN_LENGTH } from '../../src/auth/api-token';
import { ConnectorError } from '../../src/core/errors';
import { FaultServer, oktaError } from '../support/fault-server';

// A reflecting upstream hands back exactly what it received. HTTP drops the whitespace around a header
// value, so what must be masked is the token as sent, for every token length the credential accepts.
let server: FaultServer;
beforeAll(async () => {
  server = await new FaultServer().start();
  server.on('GET', '/api/v1/echo', { kind: 'echo' });
  server.on('GET', '/api/v1/users/reflect', (req) => oktaError(401, 'E0000011', `Invalid token provided: ${String(req.headers.authorization)}`));
});
afterAll(async () => {
  await server.close();
});

const tokenOf = (length: number) => Array.from({ length }, (_, i) => 'Qz7xK2mW9pL4'[i % 12]).join('');

async function everything(auth: { domain: string; api_token: string }): Promise<string> {
  const echoed = await invoke('raw_http_request', { method: 'GET', path: '/api/v1/echo' }, { auth, maxRetries: 0 });
  const error = await invoke('get_user', { user_id: 'reflect' }, { auth, maxRetries: 0 }).then(() => undefined, (e: ConnectorError) => e);
  expect(error).toBeInstanceOf(ConnectorError);
  return JSON.stringify(echoed) + JSON.stringify(error!.toJSON()) + error!.message;
}

test.each([
  ['trailing whitespace', (t: string) => `${t}  \t`],
  ['leading whitespace', (t: string) => `  ${t}`],
  ['a trailing newline (a token read from a file)', (t: string) => `${t}\n`],
  ['nothing around it', (t: string) => t],
])('a token with %s is sent trimmed and masked as sent', async (_name, typed) => {
  const token = tokenOf(42);
  const seen = await everything({ domain: server.origin, api_token: typed(token) });
  expect(server.seen.slice(-2).map((r) => r.headers.authorization)).toEqual([`SSWS ${token}`, `SSWS ${token}`]);
  expect(seen).toContain('SSWS [redacted]');
  expect(seen).not.toContain(token);
});

test.each([MIN_API_TOKEN_LENGTH, MIN_API_TOKEN_LENGTH + 1, 64, 200])('a %i-character token is masked in every reflected place', async (length) => {
  const token = tokenOf(length);
  const seen = await everything({ domain: server.origin, api_token: ` ${token} ` });
  expect(seen).not.toContain(token);
});

test.each([1, 7, 8, MIN_API_TOKEN_LENGTH - 1])('a %i-character token is refused before anything is sent', async (length) => {
  const before = server.seen.length;
  const error = await invoke('get_user', { user_id: 'reflect' }, { auth: { domain: server.origin, api_token: tokenOf(length) } }).then(() => undefined, (e: ConnectorError) => e);
  expect(error).toMatchObject({ type: 'user_input_error', fields: ['auth.api_token'], message: expect.stringContaining('too short') });
  expect(server.seen.length).toBe(before);
});

test('a token with a space inside is refused: no header could carry it unchanged', async () => {
  const error = await invoke('get_user', { user_id: 'reflect' }, { auth: { domain: server.origin, api_token: `${tokenOf(20)} ${tokenOf(20)}` } }).then(() => undefined, (e: ConnectorError) => e);
  expect(error).toMatchObject({ type: 'user_input_error', fields: ['auth.api_token'] });
});
