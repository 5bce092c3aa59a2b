import dns from 'node:dns';
import { apiTokenProvider } from '../../src/auth/api-token';
import { OktaClient, scopeFor } from '../../src/http/okta-client';
import {
  ALLOWED_DOMAINS_ENV, allowDestinations, assertDestination, DESTINATION_REFUSED, guardedLookup, isRestrictedAddress,
  MAX_REMEMBERED_ORIGINS, rememberedOriginCount,
} from '../../src/http/destination-policy';
import { invoke } from '../../src';
import { failure } from '../support/failure';

const TOKEN = '00DestinationPolicyToken000000000000000000';
const savedEnv = process.env[ALLOWED_DOMAINS_ENV];
afterEach(() => {
  if (savedEnv === undefined) delete process.env[ALLOWED_DOMAINS_ENV];
  else process.env[ALLOWED_DOMAINS_ENV] = savedEnv;
  jest.restoreAllMocks();
});

test.each([
  ['127.0.0.1', true], ['127.255.0.9', true], ['10.1.2.3', true], ['172.31.255.255', true], ['192.168.0.1', true], ['169.254.169.254', true],
  ['100.64.0.1', true], ['100.127.255.255', true], ['0.0.0.0', true], ['224.0.0.1', true], ['::1', true], ['::', true], ['fe80::1', true],
  ['fd00:ec2::254', true], ['::ffff:127.0.0.1', true], ['::ffff:7f00:1', true], ['64:ff9b::a9fe:a9fe', true], ['not-an-ip', true],
  ['8.8.8.8', false], ['100.128.0.1', false], ['172.32.0.1', false], ['2606:4700::1111', false], ['::ffff:8.8.8.8', false],
])('isRestrictedAddress(%s) is %s', (address, restricted) => {
  expect(isRestrictedAddress(address)).toBe(restricted);
});

describe('by name, before anything is sent', () => {
  test.each(['https://acme.okta.com', 'https://acme.oktapreview.com', 'https://acme.okta-emea.com', 'https://agency.okta-gov.com', 'https://agency.okta.mil', 'https://x.okta-miltest.com', 'https://x.trexcloud.com', 'https://acme.okta.com:443'])(
    '%s is an Okta org domain', (origin) => expect(() => assertDestination(origin)).not.toThrow(),
  );

  test.each(['http://acme.okta.com', 'https://acme.okta.com:8443', 'https://okta.com', 'https://acme.okta.com.evil.example', 'https://login.example.com', 'http://127.0.0.1:9000', 'https://8.8.8.8'])(
    '%s is refused unless listed', (origin) => {
      expect(() => assertDestination(origin)).toThrow(expect.objectContaining({ type: 'user_input_error', fields: ['auth.domain'] }));
    },
  );

  test('CONNECTOR_ALLOWED_DOMAINS lists host (port 443) or host:port; allowDestinations does the same from code', () => {
    process.env[ALLOWED_DOMAINS_ENV] = 'login.example.com, 127.0.0.1:9000';
    expect(() => assertDestination('https://login.example.com')).not.toThrow();
    expect(() => assertDestination('https://login.example.com:8443')).toThrow();
    expect(() => assertDestination('http://127.0.0.1:9000')).not.toThrow();
    expect(() => assertDestination('http://127.0.0.1:9001')).toThrow();
    delete process.env[ALLOWED_DOMAINS_ENV];
    expect(() => assertDestination('http://127.0.0.1:9000')).toThrow();
    const revoke = allowDestinations('127.0.0.1:9000');
    expect(() => assertDestination('http://127.0.0.1:9000')).not.toThrow();
    revoke();
    revoke(); // idempotent
    expect(() => assertDestination('http://127.0.0.1:9000')).toThrow();
  });

  test('origins that passed are remembered, at most MAX_REMEMBERED_ORIGINS, and forgotten when the list changes', () => {
    assertDestination('https://remembered-0.okta.com');
    expect(() => assertDestination('https://remembered-0.okta.com.evil.example')).toThrow(); // a refusal is never remembered
    let most = 0;
    for (let i = 0; i <= MAX_REMEMBERED_ORIGINS + 5; i++) {
      assertDestination(`https://remembered-${i}.okta.com`);
      most = Math.max(most, rememberedOriginCount());
    }
    expect(most).toBe(MAX_REMEMBERED_ORIGINS);
    const revoke = allowDestinations('127.0.0.1:9000');
    assertDestination('http://127.0.0.1:9000');
    expect(rememberedOriginCount()).toBe(1); // a new list starts a new set
    revoke();
    expect(() => assertDestination('http://127.0.0.1:9000')).toThrow(expect.objectContaining({ type: 'user_input_error' }));
  });

  test('the library refuses a loopback test org unless it is listed, and says how to list it', async () => {
    const error = await failure(invoke('get_user', { user_id: '00u1' }, { auth: { domain: 'http://127.0.0.1:9', api_token: TOKEN } }));
    expect(error.toJSON()).toMatchObject({ type: 'user_input_error', fields: ['auth.domain'], message: expect.stringContaining(ALLOWED_DOMAINS_ENV) });
  });
});

describe('by address, when the socket connects', () => {
  const lookupTo = (address: string, family: number) =>
    jest.spyOn(dns, 'lookup').mockImplementation(((_host: string, _options: unknown, callback: (e: null, a: dns.LookupAddress[]) => void) => {
      callback(null, [{ address, family }]);
    }) as never);

  test('an Okta name that resolves to a private address is refused (hostile or rebinding DNS), with a user_input_error', async () => {
    lookupTo('169.254.169.254', 4);
    const client = new OktaClient(apiTokenProvider({ domain: 'rebound.okta.com', api_token: TOKEN }));
    const error = await failure(client.request({ method: 'GET', path: '/api/v1/users/me' }, scopeFor({ maxRetries: 0 })));
    expect(error.toJSON()).toMatchObject({ type: 'user_input_error', fields: ['auth.domain'], message: expect.stringContaining('resolves to a loopback, private') });
    expect(JSON.stringify(error.toJSON())).not.toContain(TOKEN);
  });

  test('guardedLookup passes public addresses through in both callback shapes, and refuses restricted ones', (done) => {
    lookupTo('8.8.8.8', 4);
    guardedLookup('acme.okta.com', { all: false }, (error, address, family) => {
      expect([error, address, family]).toEqual([null, '8.8.8.8', 4]);
      guardedLookup('acme.okta.com', { all: true }, (error2, addresses) => {
        expect([error2, addresses]).toEqual([null, [{ address: '8.8.8.8', family: 4 }]]);
        jest.restoreAllMocks();
        lookupTo('::1', 6);
        guardedLookup('acme.okta.com', { all: true }, (error3) => {
          expect(error3).toMatchObject({ code: DESTINATION_REFUSED });
          done();
        });
      });
    });
  });

  test('a listed host may resolve to loopback (a local test org)', (done) => {
    lookupTo('127.0.0.1', 4);
    const revoke = allowDestinations('orgs.test.internal:8443');
    guardedLookup('orgs.test.internal', { all: false }, (error, address) => {
      revoke();
      expect([error, address]).toEqual([null, '127.0.0.1']);
      done();
    });
  });
});
