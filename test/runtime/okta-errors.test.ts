import { mapOktaError } from '../../src/http/okta-errors';

const body = (errorCode: string, errorSummary: string, causes: string[] = []) => ({
  errorCode, errorSummary, errorLink: errorCode, errorId: 'oae1', errorCauses: causes.map((c) => ({ errorSummary: c })),
});

describe('mapOktaError', () => {
  test.each([
    [400, 'E0000001', 'user_input_error', false],
    [401, 'E0000011', 'auth_error', false],
    [403, 'E0000006', 'permission_error', false],
    [403, 'E0000038', 'user_input_error', false],
    [403, 'E0000016', 'user_input_error', false],
    [404, 'E0000007', 'user_input_error', false],
    [409, 'E0000112', 'user_input_error', true],
    [429, 'E0000047', 'rate_limited', true],
    [500, 'E0000009', 'api_error', true],
    [503, 'E0000100', 'api_error', true],
  ])('HTTP %i %s → %s', (status, code, type, retryable) => {
    const error = mapOktaError({ status, body: body(code, 'x'), requestId: 'req1' });
    expect(error).toMatchObject({ type, status, retryable, requestId: 'req1', okta: { errorCode: code, errorId: 'oae1' } });
  });

  test("the message carries Okta's summary and every cause", () => {
    const error = mapOktaError({ status: 400, body: body('E0000001', 'Api validation failed: login', ['login: An object with this field already exists']) });
    expect(error.message).toBe('Okta HTTP 400 E0000001: Api validation failed: login (login: An object with this field already exists)');
  });

  test('OAuth-shaped bodies and bodies that are not JSON still give a typed error', () => {
    expect(mapOktaError({ status: 401, body: { error: 'invalid_token', error_description: 'The token is expired' } }).message).toContain('invalid_token: The token is expired');
    expect(mapOktaError({ status: 502, body: '<html>Bad gateway</html>' })).toMatchObject({ type: 'api_error', message: 'Okta answered HTTP 502' });
  });

  test('a rate limit says when to try again', () => {
    expect(mapOktaError({ status: 429, body: body('E0000047', 'API call exceeded rate limit'), retryAfterSeconds: 12 }).message).toMatch(/Try again in 12 s$/);
  });
});
