import { parseBody } from '../../src/http/response-body';
import { refusal } from '../support/failure';

const JSON_TYPE = { 'content-type': 'application/json; charset=utf-8' };

describe('parseBody', () => {
  test('204, an empty body and a blank body are null', () => {
    expect(parseBody(204, JSON_TYPE, '{"id":"00u1"}')).toBeNull();
    expect(parseBody(200, JSON_TYPE, '')).toBeNull();
    expect(parseBody(200, {}, '')).toBeNull();
    expect(parseBody(200, {}, '  \n ')).toBeNull();
    expect(parseBody(200, JSON_TYPE, '  \n ')).toBeNull();
  });

  test('no body text at all (undefined or null) is null', () => {
    expect(parseBody(200, {}, undefined as unknown as string)).toBeNull();
    expect(parseBody(200, {}, null as unknown as string)).toBeNull();
  });

  test('JSON by content type, even when it is not an object or array', () => {
    expect(parseBody(200, JSON_TYPE, '"hello"')).toBe('hello');
    expect(parseBody(200, JSON_TYPE, '42')).toBe(42);
  });

  test('JSON by its look when no JSON content type is given, leading whitespace allowed', () => {
    expect(parseBody(200, {}, '{"id":"00u1"}')).toEqual({ id: '00u1' });
    expect(parseBody(200, { 'content-type': 'text/plain' }, '[1,2]')).toEqual([1, 2]);
    expect(parseBody(200, {}, ' \n{"id":"00u1"}')).toEqual({ id: '00u1' });
  });

  test('anything else is the text as sent', () => {
    expect(parseBody(200, { 'content-type': 'text/plain' }, 'ok')).toBe('ok');
    expect(parseBody(200, {}, 'see [docs] or {this}')).toBe('see [docs] or {this}');
    expect(parseBody(400, { 'content-type': 'text/html' }, '<html>Bad request</html>')).toBe('<html>Bad request</html>');
  });

  test('malformed JSON on a success is a retryable api_error', () => {
    for (const [status, headers, text] of [[200, JSON_TYPE, '<html>'], [399, {}, '{"id":']] as const) {
      expect(refusal(() => parseBody(status, headers, text))).toMatchObject({
        type: 'api_error', status, retryable: true, message: `Okta returned malformed JSON (HTTP ${status})`,
      });
    }
  });

  test('malformed JSON on an error status is kept as text for the error mapper', () => {
    expect(parseBody(400, JSON_TYPE, '<html>Bad request</html>')).toBe('<html>Bad request</html>');
    expect(parseBody(502, {}, '{truncated')).toBe('{truncated');
  });
});
