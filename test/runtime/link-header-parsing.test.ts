import { parseLinkHeader } from '../../src/http/link-header';

describe('parseLinkHeader: RFC 8288 forms', () => {
  test('whitespace around ";" and "=" is optional', () => {
    expect(parseLinkHeader('<https://a/1> ; rel = "next"')).toEqual({ next: 'https://a/1' });
    expect(parseLinkHeader('<https://a/2>;rel="next"')).toEqual({ next: 'https://a/2' });
  });

  test('entries joined by ", " are read separately when ";" has no space after it', () => {
    expect(parseLinkHeader('<https://a/x?after=1>;rel="next", <https://a/x>;rel="self"')).toEqual({
      next: 'https://a/x?after=1',
      self: 'https://a/x',
    });
  });

  test('a parameter without a value before rel does not hide the rel', () => {
    expect(parseLinkHeader('<https://a/x>; crossorigin; rel="next"')).toEqual({ next: 'https://a/x' });
  });

  test('a quoted parameter holding ";" or "," before rel does not hide the rel (RFC 8288 quoted-string)', () => {
    expect(parseLinkHeader('<https://a/x>; title="a; b"; rel="next"')).toEqual({ next: 'https://a/x' });
    expect(parseLinkHeader('<https://a/x>; title="a, b"; rel="next", <https://a/y>; rel="self"')).toEqual({ next: 'https://a/x', self: 'https://a/y' });
    expect(parseLinkHeader('<https://a/x>; title = "a, b" ; rel="next"')).toEqual({ next: 'https://a/x' });
  });

  test('an entry without rel, or with an empty rel, gives no link', () => {
    expect(parseLinkHeader('<https://a/x>; type="text/json"')).toEqual({});
    expect(parseLinkHeader('<https://a/x>; rel=""')).toEqual({});
  });

  test('one quoted rel may name several relations, spaces around them ignored', () => {
    expect(parseLinkHeader(['<https://a/x?after=9>; rel=" next  LAST "', '<https://a/x>; rel=self'])).toEqual({
      next: 'https://a/x?after=9',
      last: 'https://a/x?after=9',
      self: 'https://a/x',
    });
  });
});
