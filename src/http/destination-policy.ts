import dns, { LookupAddress, LookupAllOptions, LookupOneOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { ConnectorError } from '../core/errors';

/**
 * Where a credential may be sent. A credential only goes to Okta: the org domains Okta serves, or a host
 * the operator lists (CONNECTOR_ALLOWED_DOMAINS, or `allowDestinations` from code). Checked twice:
 * by name before anything is sent (`assertDestination`), and on the address a name resolves to when the
 * socket connects (`guardedLookup`, set on every agent), so DNS cannot point an Okta name at a private host.
 */

/**
 * Okta's cell domains: SPEC `servers[0]` ("okta.com, oktapreview.com, etc"), DOCS-orgs (okta-emea.com),
 * okta-gov.com / okta.mil (Okta for Government, DoD), and the ones Okta's own SDK validators and browser
 * plugin list: okta-miltest.com, trex-gov.com, trex-govcloud.com, trexcloud.com (see okta-api-notes §C1).
 */
export const OKTA_ORG_DOMAINS = Object.freeze([
  'okta.com', 'oktapreview.com', 'okta-emea.com', 'okta-gov.com', 'okta.mil', 'okta-miltest.com',
  'trex-gov.com', 'trex-govcloud.com', 'trexcloud.com',
]);

export const ALLOWED_DOMAINS_ENV = 'CONNECTOR_ALLOWED_DOMAINS';
/** Thrown by the connect-time check; the HTTP clients turn it into a user_input_error. */
export const DESTINATION_REFUSED = 'ERR_CONNECTOR_DESTINATION';

const REFUSAL = (host: string) =>
  `auth.domain "${host}" is not an Okta org domain (*.${OKTA_ORG_DOMAINS.slice(0, 3).join(', *.')}, ...) over https; ` +
  `a custom domain or a local test org must be listed by the operator in ${ALLOWED_DOMAINS_ENV}`;
const ADDRESS_REFUSAL = (host: string) =>
  `auth.domain "${host}" resolves to a loopback, private, link-local or metadata address; ` +
  `the operator must list it in ${ALLOWED_DOMAINS_ENV} to allow that`;

/** Loopback, private, link-local, CGNAT, metadata and other non-public ranges (IANA special-purpose registries). */
const RESTRICTED = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24],
  ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) RESTRICTED.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['2001:db8::', 32], ['100::', 64],
] as const) RESTRICTED.addSubnet(net, prefix, 'ipv6');

/** IPv4-mapped (::ffff:a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) addresses are judged by the IPv4 they carry. */
function embeddedIpv4(address: string): string | undefined {
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(address);
  if (!hex) return undefined;
  const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

export function isRestrictedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  if (family === 4) return RESTRICTED.check(address, 'ipv4');
  const v4 = embeddedIpv4(address);
  return v4 ? RESTRICTED.check(v4, 'ipv4') : RESTRICTED.check(address, 'ipv6');
}

interface Destination {
  host: string;
  port: string;
}

const defaultPort = (protocol: string) => (protocol === 'http:' ? '80' : '443');
/** WHATWG URL host rules (127.1, 2130706433, 0x7f.0.0.1, percent-encoding all become 127.0.0.1), minus a trailing dot. */
const canonicalHost = (hostname: string) => hostname.toLowerCase().replace(/^\[|\]$/g, '').replace(/\.$/, '');

/** `host` or `host:port` (or a URL, of which the host and port are kept); a bare host means its https port 443. */
export function parseDestinationEntry(entry: string): Destination {
  const text = entry.trim();
  const url = (() => {
    try {
      return new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`);
    } catch {
      return undefined;
    }
  })();
  if (!url || !url.hostname || url.username || url.password || (url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new ConnectorError('connector_error', `${ALLOWED_DOMAINS_ENV} entry "${text.slice(0, 100)}" is not a host or host:port`);
  }
  return { host: canonicalHost(url.hostname), port: url.port || defaultPort(url.protocol) };
}

const programmatic = new Map<string, number>();
const key = ({ host, port }: Destination) => `${host}:${port}`;
/** `passed`: origins that passed the name check against this list (kept until the list changes, bounded). */
let cached: { envText: string; version: number; entries: Set<string>; hosts: Set<string>; passed: Set<string> } | undefined;
let version = 0;

/** The listed host:port entries (env + programmatic), rebuilt only when either changes. */
function listed(): NonNullable<typeof cached> {
  const envText = process.env[ALLOWED_DOMAINS_ENV] ?? '';
  if (!cached || cached.envText !== envText || cached.version !== version) {
    const fromEnv = envText.split(/[\s,]+/).filter(Boolean).map((entry) => key(parseDestinationEntry(entry)));
    const entries = new Set([...fromEnv, ...programmatic.keys()]);
    cached = { envText, version, entries, hosts: new Set([...entries].map((entry) => entry.slice(0, entry.lastIndexOf(':')))), passed: new Set() };
  }
  return cached;
}

/**
 * The programmatic equivalent of CONNECTOR_ALLOWED_DOMAINS for the library: lets credentials go to these
 * `host` / `host:port` entries (a custom domain, or a local test org such as `127.0.0.1:8443`). Returns a
 * function that takes them back.
 */
export function allowDestinations(...entries: string[]): () => void {
  const keys = entries.map((entry) => key(parseDestinationEntry(entry)));
  for (const k of keys) programmatic.set(k, (programmatic.get(k) ?? 0) + 1);
  version++;
  let revoked = false;
  return () => {
    if (revoked) return;
    revoked = true;
    version++;
    for (const k of keys) {
      const count = (programmatic.get(k) ?? 0) - 1;
      if (count > 0) programmatic.set(k, count);
      else programmatic.delete(k);
    }
  };
}

/** Checks the configured list (throws on a malformed CONNECTOR_ALLOWED_DOMAINS) and returns it, for the start banner. */
export function allowedDestinations(): string[] {
  return [...listed().entries];
}

export function isOktaOrgHost(host: string): boolean {
  return isIP(host) === 0 && OKTA_ORG_DOMAINS.some((suffix) => host.endsWith(`.${suffix}`));
}

/**
 * Refuses, before any byte is sent, an origin that is neither an Okta org domain over https on 443 nor a
 * listed host:port. IP literals never pass unless listed: no DNS lookup would run for them at connect time.
 */
export function assertDestination(origin: string): void {
  const list = listed();
  if (list.passed.has(origin)) return;
  checkDestination(origin, list.entries);
  // Every call checks its org: the origins that passed are remembered with the list they passed (a bounded set).
  if (list.passed.size >= MAX_REMEMBERED_ORIGINS) list.passed.clear();
  list.passed.add(origin);
}

export const MAX_REMEMBERED_ORIGINS = 1_000;

/** How many origins are remembered as allowed (for the bound's test). */
export function rememberedOriginCount(): number {
  return cached?.passed.size ?? 0;
}

function checkDestination(origin: string, entries: Set<string>): void {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new ConnectorError('user_input_error', 'auth.domain is not a usable URL', { fields: ['auth.domain'] });
  }
  const destination = { host: canonicalHost(url.hostname), port: url.port || defaultPort(url.protocol) };
  if (entries.has(key(destination))) return;
  if (url.protocol === 'https:' && destination.port === '443' && isOktaOrgHost(destination.host)) return;
  throw new ConnectorError('user_input_error', REFUSAL(url.host.slice(0, 100)), { fields: ['auth.domain'] });
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for agents: resolves as usual, then refuses restricted addresses unless the host is listed
 * (the name check before the request already required the exact host:port).
 */
export function guardedLookup(hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback): void {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    if (!listed().hosts.has(canonicalHost(hostname)) && (addresses.length === 0 || addresses.some((a) => isRestrictedAddress(a.address)))) {
      const refused: NodeJS.ErrnoException = new Error(ADDRESS_REFUSAL(hostname));
      refused.code = DESTINATION_REFUSED;
      return callback(refused, '');
    }
    if (options.all) return callback(null, addresses);
    callback(null, addresses[0].address, addresses[0].family);
  });
}

/** The user_input_error for an error raised by `guardedLookup` (axios wraps it), or undefined for any other error. */
export function destinationRefusal(error: unknown): ConnectorError | undefined {
  for (let e = error as { code?: string; message?: string; cause?: unknown } | undefined, i = 0; e && i < 3; e = e.cause as typeof e, i++) {
    if (e.code === DESTINATION_REFUSED) return new ConnectorError('user_input_error', e.message ?? 'auth.domain is not allowed', { fields: ['auth.domain'] });
  }
  return undefined;
}
