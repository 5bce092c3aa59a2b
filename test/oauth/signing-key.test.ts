import { generateKeyPairSync } from 'node:crypto';
import { loadSigningKey } from '../../src/auth/oauth/signing-key';
import { requestedScopes } from '../../src/auth/oauth/scopes';
import { ConnectorError } from '../../src/core/errors';
import { ecKey, keySecrets, rsaKey } from './support/keys';

const rsa = rsaKey();
const ec256 = ecKey('P-256');

function rejection(input: unknown): ConnectorError {
  try {
    loadSigningKey(input);
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    return error as ConnectorError;
  }
  throw new Error('expected the key to be refused');
}

describe('loadSigningKey', () => {
  test.each([
    ['RSA PKCS#8 PEM', () => rsa.pkcs8Pem, 'RS256', undefined],
    ['RSA PKCS#1 PEM', () => rsa.traditionalPem, 'RS256', undefined],
    ['RSA JWK', () => rsa.jwk, 'RS256', 'rsa-kid-1'],
    ['RSA JWK with alg RS512', () => ({ ...rsa.jwk, alg: 'RS512' }), 'RS512', 'rsa-kid-1'],
    ['EC P-256 SEC1 PEM', () => ec256.traditionalPem, 'ES256', undefined],
    ['EC P-256 PKCS#8 PEM', () => ec256.pkcs8Pem, 'ES256', undefined],
    ['EC P-384 JWK JSON text', () => JSON.stringify(ecKey('P-384').jwk), 'ES384', 'ec-P-384'],
    ['EC P-521 JWK', () => ecKey('P-521').jwk, 'ES512', 'ec-P-521'],
    ['PEM with CRLF and surrounding blanks', () => `\n  ${rsa.pkcs8Pem.replace(/\n/g, '\r\n')}  `, 'RS256', undefined],
  ])('%s → %s', (_name, input, alg, kid) => {
    const key = loadSigningKey(input());
    expect(key.alg).toBe(alg);
    expect(key.kid).toBe(kid);
    expect(key.key.type).toBe('private');
  });

  test('the same key in any format has the same fingerprint, which is not key material', () => {
    const prints = [rsa.pkcs8Pem, rsa.traditionalPem, rsa.jwk, JSON.stringify(rsa.jwk)].map((k) => loadSigningKey(k).fingerprint);
    expect(new Set(prints).size).toBe(1);
    expect(prints[0]).toMatch(/^[0-9a-f]{64}$/);
    expect(loadSigningKey(ec256.jwk).fingerprint).not.toBe(prints[0]);
  });

  test('secrets cover the PEM body and the JWK private members', () => {
    expect(loadSigningKey(rsa.pkcs8Pem).secrets).toEqual(expect.arrayContaining(keySecrets(rsa).filter((s) => rsa.pkcs8Pem.includes(s))));
    expect(loadSigningKey(ec256.jwk).secrets).toContain(ec256.jwk.d);
  });

  test.each([
    ['nothing', () => undefined, 'is required'],
    ['a number', () => 42, 'is required'],
    ['a public PEM', () => rsa.publicKey.export({ type: 'spki', format: 'pem' }), 'public key'],
    ['a public JWK', () => ({ ...ec256.jwk, d: undefined }), 'public key'],
    ['an encrypted PKCS#8 PEM', () => generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'pw' }), 'encrypted'],
    ['a 1024-bit RSA key', () => generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }), 'at least 2048'],
    ['a secp256k1 key', () => generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.export({ format: 'jwk' }), 'not supported'],
    ['an Ed25519 key', () => generateKeyPairSync('ed25519').privateKey.export({ type: 'pkcs8', format: 'pem' }), 'not supported'],
    ['a symmetric JWK', () => ({ kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ', d: 'x' }), 'could not be read'],
    ['JSON that is not an object', () => '{"kty":"EC", "d":', 'not a JSON object'],
    ['random text', () => 'my-client-secret-0123456789', 'expected a PEM'],
  ])('%s is refused with a user_input_error that says why', (_name, input, why) => {
    const e = rejection(input());
    expect(e.toJSON()).toMatchObject({ type: 'user_input_error', fields: ['auth.private_key'] });
    expect(e.message).toContain(why);
  });

  test('refusals never quote the key', () => {
    const broken = rsa.pkcs8Pem.replace('MII', 'XXX');
    const brokenJwk = JSON.stringify(ec256.jwk).replace('"kty":"EC"', '"kty":"EC",,');
    for (const input of [broken, brokenJwk, { ...rsa.jwk, n: 'AQAB' }]) {
      const e = rejection(input);
      const shown = `${e.message} ${JSON.stringify(e.toJSON())}`;
      for (const secret of [...keySecrets(rsa), ...keySecrets(ec256)]) expect(shown.includes(secret)).toBe(false);
    }
  });
});

describe('requestedScopes', () => {
  test("the operation's scopes, sorted and de-duplicated", () => {
    expect(requestedScopes(undefined, ['okta.users.manage', 'okta.groups.read', 'okta.users.manage'])).toEqual(['okta.groups.read', 'okta.users.manage']);
  });

  test('an operation without scopes (security questions) still asks for okta.users.read', () => {
    expect(requestedScopes(undefined, [])).toEqual(['okta.users.read']);
    expect(requestedScopes('', [])).toEqual(['okta.users.read']);
  });

  test('auth.scopes replaces them: a list, or a string split on spaces and commas', () => {
    expect(requestedScopes('okta.users.read, okta.groups.read  okta.logs.read', ['okta.users.manage'])).toEqual(['okta.groups.read', 'okta.logs.read', 'okta.users.read']);
    expect(requestedScopes(['okta.logs.read'], ['okta.users.manage'])).toEqual(['okta.logs.read']);
  });

  test.each([[42], [['ok', 7]], [['has"quote']], ['back\\slash']])('%j is refused', (value) => {
    expect(() => requestedScopes(value, [])).toThrow(expect.objectContaining({ type: 'user_input_error', fields: ['auth.scopes'] }));
  });
});
