import { generateKeyPairSync } from 'node:crypto';
import { loadSigningKey } from '../../src/auth/oauth/signing-key';
import { ConnectorError } from '../../src/core/errors';
import { ecKey, rsaKey } from './support/keys';
import { refusal } from '../support/failure';

const rsa = rsaKey();
const ec256 = ecKey('P-256');

function refused(input: unknown): ConnectorError {
  const error = refusal(() => loadSigningKey(input));
  expect(error.toJSON()).toMatchObject({ type: 'user_input_error', fields: ['auth.private_key'] });
  return error;
}

const pemBody = (pem: string) => pem.replace(/-----[A-Z ]+-----/g, '').split(/\s+/).filter(Boolean);

describe('a missing key', () => {
  test.each([
    ['undefined', undefined],
    ['null', null],
    ['a number', 42],
    ['an empty string', ''],
    ['only blanks', ' \n\t '],
  ])('%s: auth.private_key is required', (_name, input) => {
    expect(refused(input).message).toMatch(/^auth\.private_key is required: expected a PEM private key/);
  });
});

describe('PEM secrets (what responses are redacted of)', () => {
  test.each([
    ['RSA PKCS#8', () => rsa.pkcs8Pem],
    ['RSA PKCS#1', () => rsa.traditionalPem],
    ['EC SEC1', () => ec256.traditionalPem],
  ])('%s: its base64 lines, each and all on one line, are secrets', (_name, pem) => {
    const lines = pemBody(pem()).filter((l) => l.length >= 16);
    const { secrets } = loadSigningKey(pem());
    expect(secrets).toContain(lines.join(''));
    for (const line of lines) expect(secrets).toContain(line);
  });

  test('no secret is short enough to mangle ordinary text: no header words, no short line', () => {
    // The same key with its last base64 line broken in two, so that it ends on an 8-character line.
    const lines = rsa.pkcs8Pem.trim().split('\n');
    const last = lines[lines.length - 2];
    const short = last.slice(-8);
    const pem = [...lines.slice(0, -2), last.slice(0, -8), short, lines[lines.length - 1]].join('\n');
    const { secrets } = loadSigningKey(pem);
    for (const secret of secrets) expect(secret.length).toBeGreaterThanOrEqual(16);
    expect(secrets).not.toContain(short);
  });
});

describe('JWK secrets and kid', () => {
  test('secrets are exactly the private members, never an empty one', () => {
    expect(loadSigningKey(rsa.jwk).secrets.sort()).toEqual([rsa.jwk.d, rsa.jwk.p, rsa.jwk.q, rsa.jwk.dp, rsa.jwk.dq, rsa.jwk.qi].map(String).sort());
    expect(loadSigningKey({ ...ec256.jwk, p: '' }).secrets).toEqual([ec256.jwk.d]);
  });

  test.each([
    ['empty', ''],
    ['not a string', 7],
  ])('a kid that is %s is not used', (_name, kid) => {
    expect(loadSigningKey({ ...ec256.jwk, kid }).kid).toBeUndefined();
  });
});

describe('refusal messages say why', () => {
  test('a PEM that does not parse', () => {
    expect(refused(rsa.pkcs8Pem.replace(/[A-Za-z]{12}/, 'zz')).message).toBe(
      'auth.private_key is not usable: the PEM could not be read; expected a PEM private key (PKCS#8 "BEGIN PRIVATE KEY", PKCS#1 "BEGIN RSA PRIVATE KEY" or SEC1 "BEGIN EC PRIVATE KEY") or a private JWK',
    );
  });

  test('a JWK with an empty "d" is a public key', () => {
    expect(refused({ ...ec256.jwk, d: '' }).message).toBe('auth.private_key is not usable: the JWK has no "d": it is a public key; the private JWK is needed');
  });

  test.each([
    ['a symmetric JWK names its kty', { kty: 'oct', k: 'c2VjcmV0LXNlY3JldC1zZWNyZXQ', d: 'x' }, 'oct'],
    ['a JWK without kty says so', { d: 'AQ', x: 'AQ' }, 'missing'],
    ['a JWK with a non-string kty says it is missing', { kty: 3, d: 'AQ' }, 'missing'],
  ])('%s', (_name, jwk, kty) => {
    expect(refused(jwk).message).toBe(`auth.private_key is not usable: the JWK could not be read (kty ${kty}); an RSA or EC private JWK is needed`);
  });

  test('an EC key on an unsupported curve names the curve', () => {
    const k1 = generateKeyPairSync('ec', { namedCurve: 'secp256k1' }).privateKey.export({ type: 'pkcs8', format: 'pem' });
    expect(refused(k1).message).toBe('auth.private_key is not usable: EC curve secp256k1 is not supported; use P-256, P-384 or P-521');
  });

  test('an Ed25519 key names its type, not an EC curve', () => {
    const ed = generateKeyPairSync('ed25519').privateKey;
    for (const input of [ed.export({ type: 'pkcs8', format: 'pem' }), ed.export({ format: 'jwk' })]) {
      expect(refused(input).message).toBe('auth.private_key is not usable: ed25519 keys are not supported; use an RSA or EC key');
    }
  });

  test('an RSA JWK that cannot sign at all (zero CRT parts) is refused, not accepted', () => {
    const broken = { ...rsa.jwk, kid: 'broken-crt', p: 'AA', q: 'AA', dp: 'AA', dq: 'AA', qi: 'AA' };
    expect(refused(broken).message).toBe('auth.private_key is not usable: its private parts do not belong to its public key');
  });
});
