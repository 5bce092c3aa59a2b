import { normaliseOrgUrl } from '../../src/http/org-url';

describe('normaliseOrgUrl', () => {
  test.each([
    ['acme.okta.com', 'https://acme.okta.com'],
    ['https://acme.okta.com/', 'https://acme.okta.com'],
    ['  https://ACME.okta.com/some/path ', 'https://acme.okta.com'],
    ['acme-admin.okta.com', 'https://acme.okta.com'],
    ['https://acme-admin.oktapreview.com', 'https://acme.oktapreview.com'],
    ['acme.okta-emea.com', 'https://acme.okta-emea.com'],
    ['login.example.com', 'https://login.example.com'],
    ['my-admin.example.com', 'https://my-admin.example.com'],
    ['http://localhost:8080', 'http://localhost:8080'],
    ['http://127.0.0.1:3000/', 'http://127.0.0.1:3000'],
    ['http://[::1]:8080', 'http://[::1]:8080'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseOrgUrl(input)).toBe(expected);
  });

  test.each([
    ['', 'is required'],
    ['http://acme.okta.com', 'must use https'],
    ['https://user:pw@acme.okta.com', 'must not carry credentials'],
    ['https://acme.okta.com/?x=1', 'must not carry a query'],
    ['https://acme.okta.com#frag', 'must not carry a query'],
    ['{yourOktaDomain}', 'not a usable'],
    ['acme.okta.com.com', 'not a usable host'],
    ['ftp://acme.okta.com', 'must be an https URL'],
    ['acme', 'not a usable host'],
  ])('refuses %j (%s)', (input, reason) => {
    expect(() => normaliseOrgUrl(input)).toThrow(expect.objectContaining({ type: 'user_input_error', message: expect.stringContaining(reason) }));
  });
});
