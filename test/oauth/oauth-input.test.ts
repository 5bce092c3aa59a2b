import { parseOAuthAuth } from '../../src/auth/oauth/oauth-auth';
import { requestedScopes } from '../../src/auth/oauth/scopes';
import { resolveAuth } from '../../src/auth';
import { ecKey } from './support/keys';
import { refusal } from '../support/failure';

const ec = ecKey('P-256', 'ec-input-kid');
const DOMAIN = 'acme.okta.com';
const CLIENT_ID = '0oa5inputtests0test5d7';
const base = { domain: DOMAIN, client_id: CLIENT_ID, private_key: ec.jwk };

describe('auth.key_id and auth.client_id', () => {
  test.each([
    ['absent', {}],
    ['undefined', { key_id: undefined }],
    ['null', { key_id: null }],
    ['empty', { key_id: '' }],
  ])("a key_id that is %s falls back to the JWK's kid", (_name, extra) => {
    expect(parseOAuthAuth({ ...base, ...extra }, []).keyId).toBe('ec-input-kid');
  });

  test('key_id and client_id are trimmed', () => {
    const config = parseOAuthAuth({ ...base, client_id: `  ${CLIENT_ID}\n`, key_id: ' registered-kid ' }, []);
    expect(config.clientId).toBe(CLIENT_ID);
    expect(config.keyId).toBe('registered-kid');
  });

  test.each([
    ['two words', 'my key'],
    ['a number', 42],
    ['a control character', 'kid\u0007'],
  ])('a key_id with %s is refused on auth.key_id', (_name, key_id) => {
    const e = refusal(() => parseOAuthAuth({ ...base, key_id }, []));
    expect(e.toJSON()).toMatchObject({ type: 'user_input_error', fields: ['auth.key_id'], message: 'auth.key_id must be a single word of printable characters' });
  });

  test.each([
    ['missing', {}],
    ['null', { client_id: null }],
    ['empty', { client_id: '' }],
  ])('a client_id that is %s is required, saying what it is', (_name, extra) => {
    const { client_id: _dropped, ...rest } = base;
    const e = refusal(() => parseOAuthAuth({ ...rest, ...extra }, []));
    expect(e.toJSON()).toMatchObject({ type: 'user_input_error', fields: ['auth.client_id'], message: 'auth.client_id is required: the client ID of the Okta API Services app' });
  });

  test('dpop that is not a boolean is refused with its message', () => {
    const e = refusal(() => parseOAuthAuth({ ...base, dpop: 'yes' }, []));
    expect(e.toJSON()).toMatchObject({ type: 'user_input_error', fields: ['auth.dpop'], message: 'auth.dpop must be true or false' });
  });
});

describe('which credential an auth object is', () => {
  test('a private_key alone makes it an OAuth credential: the missing client_id is named', () => {
    expect(refusal(() => resolveAuth({ domain: DOMAIN, private_key: ec.jwk }, { scopes: [] })).fields).toEqual(['auth.client_id']);
  });

  test('a client_id alone makes it an OAuth credential: the missing private_key is named', () => {
    expect(refusal(() => resolveAuth({ domain: DOMAIN, client_id: CLIENT_ID }, { scopes: [] })).fields).toEqual(['auth.private_key']);
  });

  test('neither makes it no known credential, on auth', () => {
    expect(refusal(() => resolveAuth({ domain: DOMAIN, key_id: 'kid' }, { scopes: [] })).fields).toEqual(['auth']);
  });
});

describe('auth.scopes', () => {
  test.each([[undefined], [null]])("%j keeps the operation's scopes", (value) => {
    expect(requestedScopes(value, ['okta.users.manage'])).toEqual(['okta.users.manage']);
  });

  test.each([[42], [{ scope: 'okta.users.read' }], [['okta.users.read', 7]]])('%j is refused saying what scopes must be', (value) => {
    const e = refusal(() => requestedScopes(value, []));
    expect(e.toJSON()).toMatchObject({ type: 'user_input_error', fields: ['auth.scopes'], message: 'auth.scopes must be a list of OAuth scopes, or one string of them separated by spaces or commas' });
  });

  test('a scope with a forbidden character is named in the refusal', () => {
    const e = refusal(() => requestedScopes(['okta.users.read', 'okta"users'], []));
    expect(e.toJSON()).toMatchObject({ type: 'user_input_error', fields: ['auth.scopes'], message: 'auth.scopes holds "okta"users", which is not an OAuth scope' });
  });
});
