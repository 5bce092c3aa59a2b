import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { invoke } from '../../src';
import { authFromEnv } from '../../src/auth/auth-from-env';
import { ConnectorError } from '../../src/core/errors';
import { FakeOkta } from './support/fake-okta';
import { rsaKey } from './support/keys';

const key = rsaKey();
const CLIENT_ID = '0oa6env5c1ient5w3d7';
let dir: string;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-oauth-env-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function refused(env: NodeJS.ProcessEnv): ConnectorError {
  try {
    authFromEnv(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }
  throw new Error('expected authFromEnv to refuse');
}

describe('authFromEnv', () => {
  test('no OKTA_DOMAIN, or a domain and nothing else: no credential', () => {
    expect(authFromEnv({ OKTA_API_TOKEN: 't', OKTA_CLIENT_ID: 'c' })).toBeUndefined();
    expect(authFromEnv({ OKTA_DOMAIN: 'acme.okta.com' })).toBeUndefined();
  });

  test('OKTA_API_TOKEN gives the SSWS credential, and wins over OAuth variables', () => {
    expect(authFromEnv({ OKTA_DOMAIN: 'acme.okta.com', OKTA_API_TOKEN: '00abc', OKTA_CLIENT_ID: CLIENT_ID, OKTA_PRIVATE_KEY: 'k' })).toEqual({ domain: 'acme.okta.com', api_token: '00abc' });
  });

  test('OKTA_CLIENT_ID + OKTA_PRIVATE_KEY, with OKTA_KEY_ID, OKTA_SCOPES (spaces or commas) and OKTA_DPOP', () => {
    expect(authFromEnv({
      OKTA_DOMAIN: 'acme.okta.com', OKTA_CLIENT_ID: CLIENT_ID, OKTA_PRIVATE_KEY: key.pkcs8Pem, OKTA_KEY_ID: 'kid-7',
      OKTA_SCOPES: 'okta.users.read,okta.groups.read  okta.logs.read', OKTA_DPOP: 'true',
    })).toEqual({
      domain: 'acme.okta.com', client_id: CLIENT_ID, private_key: key.pkcs8Pem, key_id: 'kid-7',
      scopes: ['okta.users.read', 'okta.groups.read', 'okta.logs.read'], dpop: true,
    });
    expect(authFromEnv({ OKTA_DOMAIN: 'acme.okta.com', OKTA_CLIENT_ID: CLIENT_ID, OKTA_PRIVATE_KEY: 'x', OKTA_SCOPES: ' ', OKTA_DPOP: 'no' })).toEqual({ domain: 'acme.okta.com', client_id: CLIENT_ID, private_key: 'x' });
  });

  test('OKTA_PRIVATE_KEY_FILE is read when OKTA_PRIVATE_KEY is not set', () => {
    const file = path.join(dir, 'service-app.pem');
    fs.writeFileSync(file, key.traditionalPem, { mode: 0o600 });
    expect(authFromEnv({ OKTA_DOMAIN: 'acme.okta.com', OKTA_CLIENT_ID: CLIENT_ID, OKTA_PRIVATE_KEY_FILE: file })).toMatchObject({ private_key: key.traditionalPem });
  });

  test('a client id without a key, or an unreadable key file, is a user_input_error that names the variable', () => {
    expect(refused({ OKTA_DOMAIN: 'acme.okta.com', OKTA_CLIENT_ID: CLIENT_ID }).toJSON()).toMatchObject({ type: 'user_input_error', fields: ['OKTA_PRIVATE_KEY'] });
    const e = refused({ OKTA_DOMAIN: 'acme.okta.com', OKTA_CLIENT_ID: CLIENT_ID, OKTA_PRIVATE_KEY_FILE: path.join(dir, 'missing.pem') });
    expect(e.toJSON()).toMatchObject({ type: 'user_input_error', fields: ['OKTA_PRIVATE_KEY_FILE'] });
    expect(e.message).toContain('ENOENT');
  });

  test('end to end: the credential from the environment calls a local Okta', async () => {
    const fake = await new FakeOkta({ clientId: CLIENT_ID, publicKey: key.publicKey, kid: key.kid }).start();
    try {
      const file = path.join(dir, 'e2e.pem');
      fs.writeFileSync(file, key.pkcs8Pem, { mode: 0o600 });
      const auth = authFromEnv({ OKTA_DOMAIN: fake.url, OKTA_CLIENT_ID: CLIENT_ID, OKTA_PRIVATE_KEY_FILE: file, OKTA_KEY_ID: key.kid, OKTA_SCOPES: 'okta.users.manage' });
      await expect(invoke('get_user', { user_id: '00ub0oNGTSWTBKOLGLNR' }, { auth })).resolves.toMatchObject({ id: '00ub0oNGTSWTBKOLGLNR' });
      expect(fake.tokenRequests.map((r) => [r.status, r.form.scope])).toEqual([[200, 'okta.users.manage']]);
      expect(fake.violations).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
