import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { resolveAuth } from '../../src/auth';
import { authFromEnv } from '../../src/auth/auth-from-env';
import { API_TOKEN_PROVIDER_DEFAULTS, apiTokenProvider, apiTokenProviderCount, configureApiTokenProviders } from '../../src/auth/api-token';
import { credentialId } from '../../src/auth/credential-id';
import { refusal } from '../support/failure';

// What a caller's `auth` (or the environment) turns into, and what it is refused with: the type, the field and
// the message a builder reads.
const TOKEN = '00CredentialInputToken0000000000000000000';
const context = { scopes: ['okta.users.read'] };

describe('resolveAuth picks the credential from the shape of auth', () => {
  test.each([undefined, null, '', 'SSWS 00abc', 42, true])('auth %p is a user_input_error on "auth" saying what it must be', (auth) => {
    expect(refusal(() => resolveAuth(auth, context)).toJSON()).toMatchObject({
      type: 'user_input_error', fields: ['auth'], message: expect.stringMatching(/^auth is required: \{ domain, api_token \} or \{ domain, client_id, private_key/),
    });
  });

  test('an object that is neither an API token nor an OAuth app says which two shapes are accepted', () => {
    for (const auth of [{}, { domain: 'https://acme.okta.com' }, { domain: 'https://acme.okta.com', token: TOKEN }]) {
      expect(refusal(() => resolveAuth(auth, context)).toJSON()).toMatchObject({
        type: 'user_input_error', fields: ['auth'], message: expect.stringContaining('auth must hold an API token or an OAuth service app'),
      });
    }
  });

  test('an API token wins; an OAuth shape goes to the OAuth checks', () => {
    expect(resolveAuth({ domain: 'https://acme.okta.com', api_token: TOKEN }, context).orgUrl).toBe('https://acme.okta.com');
    const oauth = refusal(() => resolveAuth({ domain: 'https://acme.okta.com', client_id: '0oa1client' }, context));
    expect(oauth.fields?.[0]).toMatch(/^auth\.private_key/);
  });
});

describe('API tokens', () => {
  test('a domain that is not a string is refused on auth.domain, not a crash', () => {
    for (const domain of [42, null, { host: 'acme.okta.com' }]) {
      expect(refusal(() => apiTokenProvider({ domain, api_token: TOKEN } as never))).toMatchObject({ type: 'user_input_error', fields: ['auth.domain'] });
    }
  });

  test.each([[''], ['   '], [42], [null]])('api_token %p is required', (token) => {
    expect(refusal(() => apiTokenProvider({ domain: 'https://acme.okta.com', api_token: token } as never)).toJSON()).toMatchObject({
      type: 'user_input_error', fields: ['auth.api_token'], message: 'auth.api_token is required: an Okta API token (SSWS)',
    });
  });

  test('a token with a line break is refused as missing, one with inner spaces as not one word', () => {
    expect(refusal(() => apiTokenProvider({ domain: 'https://acme.okta.com', api_token: `${TOKEN}\r\nX-Evil: 1` }))).toMatchObject({ fields: ['auth.api_token'], message: 'auth.api_token is required: an Okta API token (SSWS)' });
    expect(refusal(() => apiTokenProvider({ domain: 'https://acme.okta.com', api_token: `${TOKEN} ${TOKEN}` }))).toMatchObject({
      fields: ['auth.api_token'], message: 'auth.api_token must be one word of printable characters (an Okta API token)',
    });
  });

  test('the provider pool keeps at most its configured number and sweeps idle providers', () => {
    try {
      configureApiTokenProviders({ max: 2 });
      for (let i = 0; i < 5; i++) apiTokenProvider({ domain: 'https://acme.okta.com', api_token: `${TOKEN}${i}` });
      expect(apiTokenProviderCount()).toBe(2);
      configureApiTokenProviders({ idleMs: 0 });
      expect(apiTokenProviderCount()).toBe(2); // idle ones are counted until a sweep
      expect(apiTokenProviderCount({ sweep: true })).toBe(0);
    } finally {
      configureApiTokenProviders(API_TOKEN_PROVIDER_DEFAULTS);
    }
  });
});

test('credential ids tell apart part lists that spell the same text', () => {
  expect(credentialId('ab', 'c')).not.toBe(credentialId('a', 'bc'));
  expect(credentialId('a', 'b')).toBe(credentialId('a', 'b'));
  expect(credentialId(Buffer.from('ab'), 'c')).toBe(credentialId('ab', 'c'));
});

describe('authFromEnv, the parts the CLI relies on', () => {
  const base = { OKTA_DOMAIN: 'acme.okta.com', OKTA_CLIENT_ID: '0oa6env5c1ient5w3d7', OKTA_PRIVATE_KEY: 'k' };

  test('no key names both ways to give one', () => {
    expect(refusal(() => authFromEnv({ OKTA_DOMAIN: 'acme.okta.com', OKTA_CLIENT_ID: '0oa1' })).toJSON()).toMatchObject({
      fields: ['OKTA_PRIVATE_KEY'], message: 'OKTA_CLIENT_ID is set but the key is missing: set OKTA_PRIVATE_KEY (PEM or JWK) or OKTA_PRIVATE_KEY_FILE',
    });
  });

  test('an unreadable key file is named with the system error code', () => {
    const missing = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'okta-env-key-')), 'absent.pem');
    expect(refusal(() => authFromEnv({ OKTA_DOMAIN: 'acme.okta.com', OKTA_CLIENT_ID: '0oa1', OKTA_PRIVATE_KEY_FILE: missing })).toJSON()).toMatchObject({
      fields: ['OKTA_PRIVATE_KEY_FILE'], message: `OKTA_PRIVATE_KEY_FILE "${missing}" could not be read (ENOENT)`,
    });
  });

  test('unset OKTA_KEY_ID and OKTA_SCOPES add no keys at all; OKTA_DPOP is read trimmed and in any case', () => {
    const auth = authFromEnv(base)!;
    expect(Object.keys(auth).sort()).toEqual(['client_id', 'domain', 'private_key']);
    expect(authFromEnv({ ...base, OKTA_DPOP: ' TRUE ' })).toMatchObject({ dpop: true });
    expect(authFromEnv({ ...base, OKTA_DPOP: 'Yes' })).toMatchObject({ dpop: true });
  });
});
