import { challengeParam, parseWwwAuthenticate } from '../../src/http/www-authenticate';

describe('parseWwwAuthenticate', () => {
  test("Okta's insufficient_scope challenge", () => {
    const header = 'Bearer authorization_uri="https://acme.okta.com/oauth2/v1/authorize", realm="https://acme.okta.com", scope="okta.users.manage", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="/api/v1/users"';
    expect(parseWwwAuthenticate(header)).toEqual([{
      scheme: 'bearer',
      params: {
        authorization_uri: 'https://acme.okta.com/oauth2/v1/authorize',
        realm: 'https://acme.okta.com',
        scope: 'okta.users.manage',
        error: 'insufficient_scope',
        error_description: 'The access token provided does not contain the required scopes.',
        resource: '/api/v1/users',
      },
    }]);
  });

  test('several challenges, commas and escaped quotes inside quoted strings, token values', () => {
    const challenges = parseWwwAuthenticate('DPoP algs="ES256 RS256", error=use_dpop_nonce, error_description="a, \\"quoted\\" b", Bearer realm="x"');
    expect(challenges).toEqual([
      { scheme: 'dpop', params: { algs: 'ES256 RS256', error: 'use_dpop_nonce', error_description: 'a, "quoted" b' } },
      { scheme: 'bearer', params: { realm: 'x' } },
    ]);
    expect(challengeParam(challenges, 'error')).toBe('use_dpop_nonce');
    expect(challengeParam(challenges, 'realm')).toBe('x');
    expect(challengeParam(challenges, 'scope')).toBeUndefined();
  });

  test('empty, missing and junk headers give no challenge rather than an error', () => {
    expect(parseWwwAuthenticate(undefined)).toEqual([]);
    expect(parseWwwAuthenticate('')).toEqual([]);
    expect(parseWwwAuthenticate(', ,')).toEqual([]);
    expect(parseWwwAuthenticate('Basic')).toEqual([{ scheme: 'basic', params: {} }]);
    expect(challengeParam(parseWwwAuthenticate('="x", error'), 'error')).toBeUndefined();
  });
});
