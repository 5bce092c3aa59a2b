import { isIP } from 'node:net';
import { userInputError } from '../core/errors';

const OKTA_CELL_SUFFIXES = ['okta.com', 'oktapreview.com', 'okta-emea.com', 'okta-gov.com', 'okta.mil'];

export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host === '::1') return true;
  return isIP(host) === 4 && host.startsWith('127.');
}

/** The admin console host (`acme-admin.okta.com`) serves no API: map it to the org host. */
function withoutAdminSuffix(hostname: string): string {
  for (const suffix of OKTA_CELL_SUFFIXES) {
    const adminTail = `-admin.${suffix}`;
    if (hostname.endsWith(adminTail)) return `${hostname.slice(0, -adminTail.length)}.${suffix}`;
  }
  return hostname;
}

/**
 * Turns whatever a builder typed as the Okta domain into the org's origin (`https://acme.okta.com`).
 * Custom domains pass; plain http is allowed only for loopback hosts (local servers and tests).
 */
export function normaliseOrgUrl(domain: unknown, field = 'auth.domain'): string {
  if (typeof domain !== 'string' || domain.trim() === '') {
    throw userInputError(`${field} is required: the Okta org domain, such as acme.okta.com`, [field]);
  }
  const raw = domain.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(raw) ? raw : `https://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw userInputError(`${field} "${raw}" is not a usable domain`, [field]);
  }
  const bad = (why: string) => userInputError(`${field} "${raw}" ${why}`, [field]);
  if (url.username || url.password) throw bad('must not carry credentials');
  if (url.search || url.hash || withScheme.includes('?')) throw bad('must not carry a query or fragment');
  const hostname = url.hostname.toLowerCase();
  const loopback = isLoopbackHost(hostname);
  if (url.protocol === 'http:' && !loopback) throw bad('must use https (http is only allowed for localhost)');
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw bad('must be an https URL');
  const labels = hostname.split('.');
  // An IPv4 address passes as labels of digits; an IPv6 literal keeps its brackets here, so only loopback's passes.
  const plausible = loopback || (labels.length >= 2 && labels.every((l) => /^[a-z0-9-]+$/.test(l) && !l.startsWith('-') && !l.endsWith('-')));
  if (!plausible || /\.com\.com$/.test(hostname)) throw bad('is not a usable host');
  const host = withoutAdminSuffix(hostname);
  return `${url.protocol}//${host}${url.port ? `:${url.port}` : ''}`;
}
