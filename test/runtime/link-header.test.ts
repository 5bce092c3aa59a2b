import { cursorFromLink, parseLinkHeader } from '../../src/http/link-header';

describe('parseLinkHeader', () => {
  test('reads self and next from one joined header', () => {
    const links = parseLinkHeader('<https://a.okta.com/api/v1/users?limit=2>; rel="self", <https://a.okta.com/api/v1/users?after=00u2&limit=2>; rel="next"');
    expect(links).toEqual({ self: 'https://a.okta.com/api/v1/users?limit=2', next: 'https://a.okta.com/api/v1/users?after=00u2&limit=2' });
  });

  test('reads repeated header lines, unquoted rel and extra parameters in any order', () => {
    const links = parseLinkHeader(['<https://a/x?after=1>; type="text/json"; rel=next', '<https://a/x>; rel="self"']);
    expect(links).toEqual({ next: 'https://a/x?after=1', self: 'https://a/x' });
  });

  test('keeps URLs whole even when they contain after= in odd places', () => {
    const url = 'https://a.okta.com/api/v1/logs?filter=x%20eq%20%22after%3D1%22&after=abc%2Cdef';
    expect(parseLinkHeader(`<${url}>; rel="next"`).next).toBe(url);
    expect(cursorFromLink(url)).toBe('abc,def');
  });

  test('an absent or empty header has no links', () => {
    expect(parseLinkHeader(undefined)).toEqual({});
    expect(parseLinkHeader('')).toEqual({});
    expect(cursorFromLink(undefined)).toBeNull();
  });
});
