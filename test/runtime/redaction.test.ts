import { redactHeaders, redactSecrets } from '../../src/http/redaction';

describe('redactSecrets', () => {
  test('every occurrence of every secret is masked, whatever its length', () => {
    expect(redactSecrets('a=tok1 b=tok1 c=key-22', ['tok1', 'key-22'])).toBe('a=[redacted] b=[redacted] c=[redacted]');
    expect(redactSecrets('x', ['x'])).toBe('[redacted]');
  });

  test('an empty secret masks nothing (it would otherwise land between every character)', () => {
    expect(redactSecrets('abc', [''])).toBe('abc');
    expect(redactSecrets('abc tok1', ['', 'tok1'])).toBe('abc [redacted]');
  });

  test('text without a secret, and no secrets, come back unchanged', () => {
    expect(redactSecrets('nothing here', ['tok1'])).toBe('nothing here');
    expect(redactSecrets('nothing here', [])).toBe('nothing here');
  });
});

test('redactHeaders masks every value and keeps every name', () => {
  expect(redactHeaders({ Authorization: 'SSWS tok1', 'X-Echo': 'tok1tok1', Accept: 'application/json' }, ['tok1'])).toEqual({
    Authorization: 'SSWS [redacted]',
    'X-Echo': '[redacted][redacted]',
    Accept: 'application/json',
  });
  expect(redactHeaders({}, ['tok1'])).toEqual({});
});
