import { buildQuery, oktaPath } from '../../src/http/request-url';

describe('oktaPath', () => {
  test.each([
    ['isaac.brock@example.com', '/api/v1/users/isaac.brock%40example.com'],
    ['../groups/00g1', '/api/v1/users/..%2Fgroups%2F00g1'],
    ['a/b?c#d', '/api/v1/users/a%2Fb%3Fc%23d'],
    ['%2e%2e', '/api/v1/users/%252e%252e'],
  ])('%j stays one segment', (id, expected) => {
    expect(oktaPath`/api/v1/users/${id}`).toBe(expected);
  });

  test.each(['', '.', '..'])('refuses %j, which a URL parser would collapse', (id) => {
    expect(() => oktaPath`/api/v1/users/${id}`).toThrow(expect.objectContaining({ type: 'user_input_error' }));
  });
});

test('buildQuery leaves out empty values and encodes the rest', () => {
  expect(buildQuery({ search: 'profile.name eq "A&B"', limit: 2, skip: undefined, none: null, activate: false })).toBe(
    '?search=profile.name+eq+%22A%26B%22&limit=2&activate=false',
  );
  expect(buildQuery({})).toBe('');
});
