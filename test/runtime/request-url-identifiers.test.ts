import { encodeSegment, oktaPath } from '../../src/http/request-url';
import { refusal } from '../support/failure';

describe('request path identifiers', () => {
  test.each([
    [undefined, '"" is not a valid identifier in a request path'],
    [null, '"" is not a valid identifier in a request path'],
    ['..', '".." is not a valid identifier in a request path'],
  ])('%j is refused with the identifier named', (id, message) => {
    const error = refusal(() => oktaPath`/api/v1/users/${id}`);
    expect(error.type).toBe('user_input_error');
    expect(error.message).toBe(message);
  });

  test('an unpaired surrogate is refused as user input, not as a URIError', () => {
    const error = refusal(() => encodeSegment('00u\ud800'));
    expect(error.type).toBe('user_input_error');
    expect(error.message).toBe('An identifier in the request path is not valid Unicode text (it holds an unpaired surrogate)');
  });
});
