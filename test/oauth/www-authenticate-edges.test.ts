import { parseWwwAuthenticate } from '../../src/http/www-authenticate';

describe('parseWwwAuthenticate edge cases', () => {
  test('one escaped quote inside a quoted string does not end it: the comma after it stays in the value', () => {
    expect(parseWwwAuthenticate('Bearer error_description="say \\"hi, there", error="invalid_token"')).toEqual([
      { scheme: 'bearer', params: { error_description: 'say "hi, there', error: 'invalid_token' } },
    ]);
  });

  test('an escaped backslash before the closing quote ends the string there', () => {
    expect(parseWwwAuthenticate('Bearer realm="C:\\\\", error="invalid_token"')).toEqual([
      { scheme: 'bearer', params: { realm: 'C:\\', error: 'invalid_token' } },
    ]);
  });

  test('outside a quoted string a backslash is a plain character and a comma after it still separates', () => {
    expect(parseWwwAuthenticate('Bearer realm=a\\, error=invalid_token')).toEqual([
      { scheme: 'bearer', params: { realm: 'a\\', error: 'invalid_token' } },
    ]);
  });

  test('a trailing backslash in an unterminated quoted value adds nothing of its own', () => {
    expect(parseWwwAuthenticate('Bearer error="abc\\')).toEqual([{ scheme: 'bearer', params: { error: 'abc' } }]);
  });

  test('empty items between commas are skipped', () => {
    expect(parseWwwAuthenticate(',, Bearer realm="x",, , error="y",')).toEqual([{ scheme: 'bearer', params: { realm: 'x', error: 'y' } }]);
  });

  test('a parameter before any scheme is skipped, not an error', () => {
    expect(parseWwwAuthenticate('realm="x", Bearer error="y"')).toEqual([{ scheme: 'bearer', params: { error: 'y' } }]);
  });

  test('a value ending but not starting with a quote is kept as it is', () => {
    expect(parseWwwAuthenticate('Bearer realm=x, error=invalid_token"')).toEqual([
      { scheme: 'bearer', params: { realm: 'x', error: 'invalid_token"' } },
    ]);
  });

  test('a scheme and its first parameter may be separated by several spaces or a tab', () => {
    expect(parseWwwAuthenticate('DPoP \t  algs="ES256", Bearer\trealm=x')).toEqual([
      { scheme: 'dpop', params: { algs: 'ES256' } },
      { scheme: 'bearer', params: { realm: 'x' } },
    ]);
  });

  test('a quoted value spanning a line break is read whole, in the first parameter as in the others', () => {
    expect(parseWwwAuthenticate('Bearer error_description="line one\nline two", realm="a\nb"')).toEqual([
      { scheme: 'bearer', params: { error_description: 'line one\nline two', realm: 'a\nb' } },
    ]);
  });

  test('token characters: schemes and names take the RFC 9110 token set, other characters do not', () => {
    expect(parseWwwAuthenticate("X-Custom.v1 a!#$%&'*+.^_`|~9=v")).toEqual([{ scheme: 'x-custom.v1', params: { "a!#$%&'*+.^_`|~9": 'v' } }]);
    expect(parseWwwAuthenticate('Bé realm=x')).toEqual([]);
  });
});
