import { isLoopbackHost, normaliseOrgUrl } from '../../src/http/org-url';
import { refusal } from '../support/failure';

describe('normaliseOrgUrl: Okta cells', () => {
  test.each(['okta.com', 'oktapreview.com', 'okta-emea.com', 'okta-gov.com', 'okta.mil'])('the admin console host of %s maps to the org host', (cell) => {
    expect(normaliseOrgUrl(`acme-admin.${cell}`)).toBe(`https://acme.${cell}`);
  });
});

describe('isLoopbackHost', () => {
  test.each(['localhost', '::1', '[::1]', '127.0.0.1', '127.1.2.3'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });

  test.each(['127.example.com', '127.0.0.1.nip.io', '10.0.0.1', '[::2]', 'local[host', 'local]host'])('%s is not loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(false);
  });
});

describe('normaliseOrgUrl: refusals', () => {
  const refused = (domain: unknown, field?: string) => refusal(() => normaliseOrgUrl(domain, field));

  test.each(['http://127.example.com', 'http://10.0.0.1', 'http://[::2]:8080'])('plain http to %s (not loopback) is refused', (domain) => {
    const error = refused(domain);
    expect(error.type).toBe('user_input_error');
    expect(error.message).toBe(`auth.domain "${domain}" must use https (http is only allowed for localhost)`);
  });

  test.each(['   ', '\t\n'])('a blank domain %j is reported as missing', (domain) => {
    const error = refused(domain);
    expect(error.message).toBe('auth.domain is required: the Okta org domain, such as acme.okta.com');
    expect(error.fields).toEqual(['auth.domain']);
  });

  test('a domain no URL parser accepts is refused on the field it came from', () => {
    const error = refused(' acme .okta.com ', 'tenant.domain');
    expect(error.type).toBe('user_input_error');
    expect(error.message).toBe('tenant.domain "acme .okta.com" is not a usable domain');
    expect(error.fields).toEqual(['tenant.domain']);
  });

  test.each(['https://user@acme.okta.com', 'https://:pw@acme.okta.com'])('credentials in %s are refused, naming the field', (domain) => {
    const error = refused(domain);
    expect(error.message).toBe(`auth.domain "${domain}" must not carry credentials`);
    expect(error.fields).toEqual(['auth.domain']);
  });

  test.each(['acme.-x.com', 'acme.x-.com', '-acme.okta.com', 'a_b.example.com', 'acme.ok*ta.com', 'acme'])('%s is not a usable host', (domain) => {
    const error = refused(domain);
    expect(error.message).toBe(`auth.domain "${domain}" is not a usable host`);
    expect(error.fields).toEqual(['auth.domain']);
  });
});

describe('normaliseOrgUrl: accepted forms', () => {
  test('a two-label custom domain is accepted', () => {
    expect(normaliseOrgUrl('example.com')).toBe('https://example.com');
  });

  test('only a doubled .com at the end reads as a typo: .com.com inside a name is kept', () => {
    expect(normaliseOrgUrl('sso.com.community.example')).toBe('https://sso.com.community.example');
  });

  test('an IPv4 address is a usable host; an IPv6 literal other than loopback is not', () => {
    expect(normaliseOrgUrl('https://203.0.113.7')).toBe('https://203.0.113.7');
    expect(refusal(() => normaliseOrgUrl('https://[2001:db8::1]')).message).toBe('auth.domain "https://[2001:db8::1]" is not a usable host');
  });

  test('a bare domain gets https even when its path mentions another URL', () => {
    expect(normaliseOrgUrl('acme.okta.com/oauth2/https://x')).toBe('https://acme.okta.com');
  });
});
