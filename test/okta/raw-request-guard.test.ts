import { ConnectorError } from '../../src/core/errors';
import { guardHeaders, guardPath, guardRawRequest, visibleResponseHeaders } from '../../src/okta/raw-request-guard';

function refusal(run: () => unknown): ConnectorError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ConnectorError);
    expect((error as ConnectorError).type).toBe('user_input_error');
    return error as ConnectorError;
  }
  throw new Error('expected a user_input_error, nothing was thrown');
}

describe('guardPath', () => {
  test.each([
    ['/api/v1/users/me', '/api/v1/users/me'],
    ['/api/v1/users/isaac.brock@example.com', '/api/v1/users/isaac.brock@example.com'],
    ['/api/v1/users/isaac.brock%40example.com', '/api/v1/users/isaac.brock%40example.com'],
    ['/@evil.example.com', '/@evil.example.com'],
    ['/api/v1/users/J\u00f6rg', '/api/v1/users/J%C3%B6rg'],
    ['/api/v1/groups/00g1emaKYZTWRYYRRTSK/users', '/api/v1/groups/00g1emaKYZTWRYYRRTSK/users'],
  ])('keeps %s on the org as %s', (input, expected) => {
    expect(guardPath(input)).toEqual({ path: expected, query: {} });
  });

  test('parses a query string into the query, decoding it once', () => {
    expect(guardPath('/api/v1/users?search=status+eq+%22ACTIVE%22&limit=2&expand=a&expand=b')).toEqual({
      path: '/api/v1/users',
      query: { search: ['status eq "ACTIVE"'], limit: ['2'], expand: ['a', 'b'] },
    });
  });

  test.each([
    ['https://evil.example.com/x', 'not a full URL'],
    ['HTTP://evil.example.com', 'not a full URL'],
    ['javascript:alert(1)', 'not a full URL'],
    ['//evil.example.com/x', 'protocol-relative'],
    ['evil.example.com/x', 'must start with "/"'],
    ['user@evil.example.com/x', 'must start with "/"'],
    ['@evil.example.com', 'must start with "/"'],
    ['', 'must start with "/"'],
    ['/\\evil.example.com', 'backslash'],
    ['/api\\..\\..\\x', 'backslash'],
    ['/api/v1/users/me\r\nX-Injected: 1', 'control characters'],
    ['/api/v1/users /me', 'spaces'],
    ['/api/v1/users\t', 'control characters'],
    ['/api/v1/users#frag', 'fragment'],
    ['/api/v1/../../etc', '".." segments'],
    ['/api/v1/%2e%2e/x', '".." segments'],
    ['/api/v1/./users', '"." or ".." segments'],
    ['/..', '".." segments'],
  ])('refuses %j', (input, why) => {
    const error = refusal(() => guardPath(input));
    expect(error.fields).toEqual(['path']);
    expect(error.message).toContain(why);
  });
});

describe('guardHeaders', () => {
  test('passes ordinary headers through unchanged', () => {
    const headers = { 'Accept-Language': 'fr', 'Content-Type': 'application/json; okta-response=omitCredentials', Prefer: 'respond-async' };
    expect(guardHeaders(headers)).toEqual(headers);
    expect(guardHeaders(undefined)).toEqual({});
  });

  test.each(['Authorization', 'authorization', 'AUTHORIZATION', 'Host', 'Cookie', 'DPoP', 'dpop', 'Content-Length', 'Proxy-Authorization', 'Transfer-Encoding', 'Connection'])(
    'refuses the connector-owned header %s',
    (name) => {
      const error = refusal(() => guardHeaders({ [name]: 'x' }));
      expect(error.fields).toEqual([`headers.${name}`]);
      expect(error.message).toContain('set by the connector');
    },
  );

  test.each([
    ['X-Test', 'a\r\nAuthorization: SSWS stolen'],
    ['X-Test', 'a\nb'],
    ['X-Test', 'a\u0000b'],
    ['X-Test', 'emoji \u{1F600}'],
  ])('refuses the value of %s %j', (name, value) => {
    const error = refusal(() => guardHeaders({ [name]: value }));
    expect(error.fields).toEqual([`headers.${name}`]);
    expect(error.message).not.toContain('stolen');
  });

  test.each(['X Test', 'X-Test:', 'X-Test\r\n', '', 'Ünicode'])('refuses the header name %j', (name) => {
    expect(refusal(() => guardHeaders({ [name]: 'x' })).message).toContain('not a valid header name');
  });

  test('refuses a header given twice in different case', () => {
    expect(refusal(() => guardHeaders({ 'X-Test': 'a', 'x-test': 'b' })).message).toContain('given twice');
  });
});

describe('guardRawRequest', () => {
  test('merges path and input query, stringifying values', () => {
    expect(guardRawRequest({ method: 'GET', path: '/api/v1/users?limit=2', query: { limit: 3, search: 'profile.lastName eq "Brock"', expand: true } })).toEqual({
      method: 'GET',
      path: '/api/v1/users',
      query: { limit: ['2', '3'], search: ['profile.lastName eq "Brock"'], expand: ['true'] },
      headers: {},
      body: undefined,
    });
  });

  test('sends a JSON body with a write and leaves null out', () => {
    expect(guardRawRequest({ method: 'POST', path: '/api/v1/groups', body: { profile: { name: 'x' } } }).body).toEqual({ profile: { name: 'x' } });
    expect(guardRawRequest({ method: 'POST', path: '/api/v1/users/00u1/lifecycle/suspend', body: null }).body).toBeUndefined();
  });

  test('refuses a body on GET', () => {
    expect(refusal(() => guardRawRequest({ method: 'GET', path: '/api/v1/users', body: { a: 1 } })).fields).toEqual(['body']);
  });

  test('checks the path before anything else', () => {
    expect(refusal(() => guardRawRequest({ method: 'GET', path: 'https://evil.example.com', headers: { Authorization: 'x' } })).fields).toEqual(['path']);
  });
});

test('visibleResponseHeaders drops Set-Cookie and keeps the rest', () => {
  expect(visibleResponseHeaders({ link: '<https://acme.okta.com/api/v1/users?after=x>; rel="next"', 'set-cookie': 'sid=abc', 'x-okta-request-id': 'r1' })).toEqual({
    link: '<https://acme.okta.com/api/v1/users?after=x>; rel="next"',
    'x-okta-request-id': 'r1',
  });
});
