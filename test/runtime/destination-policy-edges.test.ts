import dns from 'node:dns';
import {
  ALLOWED_DOMAINS_ENV, allowDestinations, allowedDestinations, assertDestination, DESTINATION_REFUSED, destinationRefusal, guardedLookup,
  isOktaOrgHost, isRestrictedAddress, parseDestinationEntry,
} from '../../src/http/destination-policy';

/** The edges of each rule: a mutant that moves a boundary or drops a branch fails a named row here. */
const savedEnv = process.env[ALLOWED_DOMAINS_ENV];
afterEach(() => {
  if (savedEnv === undefined) delete process.env[ALLOWED_DOMAINS_ENV];
  else process.env[ALLOWED_DOMAINS_ENV] = savedEnv;
  jest.restoreAllMocks();
});

describe('isRestrictedAddress at every range boundary', () => {
  test.each([
    ['0.255.255.255', true], ['1.0.0.0', false], ['9.255.255.255', false], ['10.0.0.0', true], ['10.255.255.255', true], ['11.0.0.0', false],
    ['100.63.255.255', false], ['100.64.0.0', true], ['126.255.255.255', false], ['127.0.0.0', true], ['128.0.0.0', false],
    ['169.253.255.255', false], ['169.254.0.0', true], ['169.255.0.0', false], ['172.15.255.255', false], ['172.16.0.0', true],
    ['192.0.0.0', true], ['192.0.0.255', true], ['192.0.1.0', false], ['192.0.2.0', true], ['192.0.3.0', false],
    ['192.167.255.255', false], ['192.168.255.255', true], ['192.169.0.0', false], ['198.17.255.255', false], ['198.18.0.0', true],
    ['198.19.255.255', true], ['198.20.0.0', false], ['198.51.100.7', true], ['198.51.101.0', false], ['203.0.113.9', true], ['203.0.114.0', false],
    ['223.255.255.255', false], ['224.0.0.0', true], ['239.255.255.255', true], ['240.0.0.0', true], ['255.255.255.255', true],
    ['::2', false], ['fbff:ffff::', false], ['fc00::', true], ['fdff:ffff::1', true], ['fe7f:ffff::', false], ['fe80::', true], ['febf:ffff::1', true],
    ['fec0::', false], ['feff::1', false], ['ff00::', true], ['ff02::1', true], ['2001:db7:ffff::', false], ['2001:db8::', true], ['2001:db8:ffff::1', true],
    ['2001:db9::', false], ['100::', true], ['100::ffff:ffff:ffff:ffff', true], ['100:0:0:1::', false],
    ['64:ff9b::10.0.0.1', true], ['64:ff9b::8.8.8.8', false], ['::FFFF:7F00:1', true], ['::ffff:0808:0808', false], ['64:ff9b::a00:1', true],
    ['::ffff:c0a8:0101', true], ['', true], ['1.2.3', true],
    // Judged by the embedded IPv4 only when the whole address is IPv4-mapped / NAT64, every octet read in full.
    ['::ffff:192.168.100.100', true], ['::ffff:10.10.10.10', true], ['64:ff9b::192.168.100.100', true], ['64:ff9b::10.10.10.10', true], ['1::ffff:127.0.0.1', false], ['1::ffff:7f00:1', false], ['::ffff:7f00:1:2', false],
  ])('%s → %s', (address, restricted) => {
    expect(isRestrictedAddress(address)).toBe(restricted);
  });
});

describe('parseDestinationEntry', () => {
  test.each([
    ['login.example.com', 'login.example.com', '443'],
    ['  LOGIN.Example.COM.  ', 'login.example.com', '443'],
    ['login.example.com:8443', 'login.example.com', '8443'],
    ['https://login.example.com', 'login.example.com', '443'],
    ['http://login.example.com', 'login.example.com', '80'],
    ['http://127.0.0.1:9000/', '127.0.0.1', '9000'],
    ['[::1]:8443', '::1', '8443'],
    ['127.1:9000', '127.0.0.1', '9000'],
  ])('%j → %s:%s', (entry, host, port) => {
    expect(parseDestinationEntry(entry)).toEqual({ host, port });
  });

  test.each(['https://user:pw@login.example.com', 'https://user@login.example.com', 'login.example.com/path', 'login.example.com?x=1', 'login.example.com#x', 'https://', '::::'])(
    '%j is refused as not a host or host:port',
    (entry) => {
      expect(() => parseDestinationEntry(entry)).toThrow(expect.objectContaining({ type: 'connector_error', message: expect.stringContaining('is not a host or host:port') }));
    },
  );

  test('the refusal quotes at most 100 characters of the entry', () => {
    const long = `${'a'.repeat(150)}/x`;
    expect(() => parseDestinationEntry(long)).toThrow(`${ALLOWED_DOMAINS_ENV} entry "${'a'.repeat(100)}" is not a host or host:port`);
  });
});

describe('assertDestination', () => {
  test('a string that is not a URL', () => {
    expect(() => assertDestination('not a url')).toThrow(expect.objectContaining({ type: 'user_input_error', message: 'auth.domain is not a usable URL', fields: ['auth.domain'] }));
  });

  test.each(['https://ACME.Okta.com', 'https://acme.okta.com.', 'https://a.b.okta.com'])('%s is an Okta org host', (origin) => {
    expect(() => assertDestination(origin)).not.toThrow();
  });

  test.each(['https://okta.com', 'https://acmeokta.com', 'https://acme.okta.com:444', 'http://acme.okta.com:443', 'https://[::1]'])('%s is refused', (origin) => {
    expect(() => assertDestination(origin)).toThrow(expect.objectContaining({ type: 'user_input_error', fields: ['auth.domain'] }));
  });

  test('the refusal names the host (at most 100 characters), the Okta domains and the variable', () => {
    const host = `${'h'.repeat(120)}.example.com`;
    let message = '';
    try {
      assertDestination(`https://${host}`);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(
      `auth.domain "${host.slice(0, 100)}" is not an Okta org domain (*.okta.com, *.oktapreview.com, *.okta-emea.com, ...) over https; ` +
        `a custom domain or a local test org must be listed by the operator in ${ALLOWED_DOMAINS_ENV}`,
    );
  });

  test('isOktaOrgHost: a subdomain of a listed Okta domain, never an IP or the bare domain', () => {
    expect(isOktaOrgHost('acme.okta.com')).toBe(true);
    expect(isOktaOrgHost('okta.com')).toBe(false);
    expect(isOktaOrgHost('evil-okta.com')).toBe(false);
    expect(isOktaOrgHost('::1')).toBe(false);
  });
});

describe('the list: env and code', () => {
  test('entries split on commas and any whitespace; a change of the variable is seen at once', () => {
    process.env[ALLOWED_DOMAINS_ENV] = 'a.example.com,\n b.example.com:8443\tc.example.com';
    expect(allowedDestinations()).toEqual(['a.example.com:443', 'b.example.com:8443', 'c.example.com:443']);
    process.env[ALLOWED_DOMAINS_ENV] = 'd.example.com';
    expect(allowedDestinations()).toEqual(['d.example.com:443']);
    expect(() => assertDestination('https://a.example.com')).toThrow();
    expect(() => assertDestination('https://d.example.com')).not.toThrow();
  });

  test('a malformed variable is a connector_error naming the entry', () => {
    process.env[ALLOWED_DOMAINS_ENV] = 'ok.example.com, https://u:p@bad.example.com';
    expect(() => allowedDestinations()).toThrow(expect.objectContaining({ type: 'connector_error', message: expect.stringContaining('"https://u:p@bad.example.com"') }));
  });

  test('revoking one grant twice takes back only that grant', () => {
    delete process.env[ALLOWED_DOMAINS_ENV];
    const first = allowDestinations('shared.example.com');
    const second = allowDestinations('shared.example.com');
    first();
    first();
    expect(allowedDestinations()).toEqual(['shared.example.com:443']);
    second();
    expect(allowedDestinations()).toEqual([]);
  });

  test('allowDestinations counts: the entry stays until every grant of it is revoked', () => {
    delete process.env[ALLOWED_DOMAINS_ENV];
    const first = allowDestinations('twice.example.com:9443');
    const second = allowDestinations('twice.example.com:9443', 'other.example.com');
    expect(allowedDestinations()).toEqual(['twice.example.com:9443', 'other.example.com:443']);
    second();
    expect(allowedDestinations()).toEqual(['twice.example.com:9443']);
    expect(() => assertDestination('https://twice.example.com:9443')).not.toThrow();
    first();
    expect(allowedDestinations()).toEqual([]);
    expect(() => assertDestination('https://twice.example.com:9443')).toThrow();
  });
});

describe('guardedLookup', () => {
  const lookupTo = (addresses: dns.LookupAddress[], error: NodeJS.ErrnoException | null = null) =>
    jest.spyOn(dns, 'lookup').mockImplementation(((_host: string, options: { all?: boolean }, callback: (e: unknown, a: dns.LookupAddress[]) => void) => {
      expect(options.all).toBe(true);
      callback(error, addresses);
    }) as never);
  const look = (host: string, all = false) =>
    new Promise<{ error: NodeJS.ErrnoException | null; address: unknown; family?: number }>((resolve) => guardedLookup(host, { all } as never, (error, address, family) => resolve({ error, address, family })));

  test('a DNS error is passed on as it is', async () => {
    const failure = Object.assign(new Error('getaddrinfo ENOTFOUND'), { code: 'ENOTFOUND' });
    lookupTo([], failure);
    expect(await look('nowhere.okta.com')).toMatchObject({ error: failure, address: '' });
  });

  test('no address, or one restricted address among public ones, is refused with the code and the host', async () => {
    lookupTo([]);
    expect((await look('empty.okta.com')).error).toMatchObject({
      code: DESTINATION_REFUSED,
      message: `auth.domain "empty.okta.com" resolves to a loopback, private, link-local or metadata address; the operator must list it in ${ALLOWED_DOMAINS_ENV} to allow that`,
    });
    jest.restoreAllMocks();
    lookupTo([{ address: '8.8.8.8', family: 4 }, { address: '10.0.0.1', family: 4 }]);
    expect((await look('mixed.okta.com')).error).toMatchObject({ code: DESTINATION_REFUSED });
  });

  test('one public address: the first, in the shape asked for', async () => {
    lookupTo([{ address: '8.8.4.4', family: 4 }, { address: '2606:4700::1111', family: 6 }]);
    expect(await look('acme.okta.com')).toEqual({ error: null, address: '8.8.4.4', family: 4 });
    expect(await look('acme.okta.com', true)).toEqual({ error: null, address: [{ address: '8.8.4.4', family: 4 }, { address: '2606:4700::1111', family: 6 }], family: undefined });
  });

  test('a listed host is matched case-insensitively and without its trailing dot', async () => {
    const revoke = allowDestinations('Local.Test.internal:8443');
    lookupTo([{ address: '127.0.0.1', family: 4 }]);
    try {
      expect((await look('LOCAL.test.internal.')).error).toBeNull();
    } finally {
      revoke();
    }
    expect((await look('local.test.internal')).error).toMatchObject({ code: DESTINATION_REFUSED });
  });
});

describe('destinationRefusal', () => {
  const refused = Object.assign(new Error('auth.domain "x" resolves to a loopback'), { code: DESTINATION_REFUSED });
  test('found on the error or up to two causes down, as a user_input_error on auth.domain with its message', () => {
    for (const error of [refused, { cause: refused }, { cause: { cause: refused } }]) {
      expect(destinationRefusal(error)?.toJSON()).toMatchObject({ type: 'user_input_error', fields: ['auth.domain'], message: refused.message });
    }
    expect(destinationRefusal({ cause: { cause: { cause: refused } } })).toBeUndefined();
  });
  test('any other error is not a refusal; a refusal without a message gets a plain one', () => {
    expect(destinationRefusal(new Error('ECONNRESET'))).toBeUndefined();
    expect(destinationRefusal(undefined)).toBeUndefined();
    expect(destinationRefusal({ code: DESTINATION_REFUSED })?.message).toBe('auth.domain is not allowed');
  });
});
