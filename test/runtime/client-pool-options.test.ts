import type { AuthProvider } from '../../src/http/auth-provider';
import { apiTokenProvider } from '../../src/auth/api-token';

// A fresh pool per test, built after the fake clock is installed (the pool reads Date.now).
type ClientPoolModule = typeof import('../../src/http/client-pool');
let pool: ClientPoolModule;
const START = 1_700_000_000_000;

beforeEach(() => {
  jest.useFakeTimers({ now: START });
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    pool = require('../../src/http/client-pool') as ClientPoolModule;
  });
});
afterEach(() => {
  jest.useRealTimers();
});

const tenant = (i: number): AuthProvider =>
  apiTokenProvider({ domain: 'https://acme.okta.com', api_token: `00pool-${String(i).padStart(5, '0')}-token-000000000000000` });

test('the defaults are 1,000 clients and 5 minutes idle', () => {
  expect(pool.CLIENT_POOL_DEFAULTS).toEqual({ max: 1_000, idleMs: 300_000 });
});

test('by default a client unused for just under 5 minutes is kept, and goes at 5 minutes', () => {
  pool.clientFor(tenant(1));
  jest.setSystemTime(START + 5 * 60_000 - 1);
  expect(pool.clientPoolSize({ sweep: true })).toBe(1);
  jest.setSystemTime(START + 5 * 60_000);
  expect(pool.clientPoolSize({ sweep: true })).toBe(0);
});

test('by default 1,000 clients are kept, and the 1,001st pushes the oldest out', () => {
  const oldest = pool.clientFor(tenant(0));
  for (let i = 1; i < 1_000; i++) pool.clientFor(tenant(i));
  expect(pool.clientPoolSize()).toBe(1_000);
  pool.clientFor(tenant(1_000));
  expect(pool.clientPoolSize()).toBe(1_000);
  expect(pool.clientFor(tenant(0))).not.toBe(oldest);
});

test('clientPoolSize counts what is kept; only with sweep: true are the idle clients dropped first', () => {
  pool.clientFor(tenant(1));
  pool.clientFor(tenant(2));
  jest.setSystemTime(START + 10 * 60_000);
  expect(pool.clientPoolSize()).toBe(2);
  expect(pool.clientPoolSize({ sweep: false })).toBe(2);
  expect(pool.clientPoolSize({ sweep: true })).toBe(0);
});
