import { resolveAuth } from '../auth';
import { authFromEnv } from '../auth/auth-from-env';
import { ConnectorError } from '../core/errors';
import { allowedDestinations, assertDestination } from '../http/destination-policy';
import { isLoopbackHost } from '../http/org-url';
import { DEFAULT_INPUT_LIMITS, InputLimits } from '../runtime/input-limits';
import { CallerKeys, callerKeysFromEnv, KeyConfigError } from './caller-keys';
import { AllowedHosts, HostConfigError, publicUrlHost } from './host-check';
import { ConnectionLimits, DEFAULT_GRACE_MS } from './http-server';
import { DEFAULT_MAX_BODY_BYTES, Tenancy } from './router';

/** A setting that stops the start: the message says what to set. */
export class StartupError extends Error {}

/** What the credential settings decide: one org (its credential, or the sandbox when none) or many. */
export interface TenancyConfig {
  tenancy: Tenancy;
  /** Single org with OKTA_* settings. */
  defaultAuth?: Record<string, unknown>;
  /** Single org without OKTA_* settings: the embedded sandbox serves. */
  sandbox: boolean;
}

export interface ServiceConfig extends TenancyConfig {
  host: string;
  port: number;
  keys?: CallerKeys;
  /** CONNECTOR_ALLOWED_HOSTS and PUBLIC_URL's host; the loopback names of the port are added at listen. */
  allowedHostEntries: string[];
  connectionLimits: Partial<ConnectionLimits>;
  maxBodyBytes: number;
  inputLimits: InputLimits;
  graceMs: number;
  sandboxUsers: number;
}

/** Every OKTA_* name read anywhere; any other is taken for a typo rather than silently ignored. */
const KNOWN_OKTA = new Set(['OKTA_DOMAIN', 'OKTA_API_TOKEN', 'OKTA_CLIENT_ID', 'OKTA_PRIVATE_KEY', 'OKTA_PRIVATE_KEY_FILE', 'OKTA_KEY_ID', 'OKTA_SCOPES', 'OKTA_DPOP', 'OKTA_OPENAPI_SPEC']);
const CREDENTIAL_VARS = ['OKTA_DOMAIN', 'OKTA_API_TOKEN', 'OKTA_CLIENT_ID', 'OKTA_PRIVATE_KEY', 'OKTA_PRIVATE_KEY_FILE'];
const NEAR_MISSES: Record<string, string> = {
  OKTA_TOKEN: 'OKTA_API_TOKEN', OKTA_CLIENT_TOKEN: 'OKTA_API_TOKEN', OKTA_API_KEY: 'OKTA_API_TOKEN', OKTA_ORG_URL: 'OKTA_DOMAIN',
  OKTA_CLIENT_ORGURL: 'OKTA_DOMAIN', OKTA_URL: 'OKTA_DOMAIN', OKTA_ORG: 'OKTA_DOMAIN', OKTA_CLIENT_PRIVATEKEY: 'OKTA_PRIVATE_KEY',
  CONNECTOR_API_KEY: 'CONNECTOR_API_KEYS', CONNECTOR_API_KEY_FILE: 'CONNECTOR_API_KEYS_FILE', CONNECTOR_ALLOWED_DOMAIN: 'CONNECTOR_ALLOWED_DOMAINS',
  CONNECTOR_ALLOWED_HOST: 'CONNECTOR_ALLOWED_HOSTS', CONNECTOR_TENANT: 'CONNECTOR_TENANCY',
};

/** Numeric settings: environment name → [default, min, max]. */
const NUMBERS = {
  CONNECTOR_MAX_CONNECTIONS: [256, 1, 100_000],
  CONNECTOR_HEADERS_TIMEOUT_MS: [10_000, 1_000, 120_000],
  CONNECTOR_REQUEST_TIMEOUT_MS: [30_000, 1_000, 600_000],
  CONNECTOR_KEEP_ALIVE_TIMEOUT_MS: [5_000, 0, 600_000],
  CONNECTOR_MAX_REQUESTS_PER_SOCKET: [1_000, 0, 1_000_000],
  CONNECTOR_MAX_PIPELINED_REQUESTS: [16, 1, 1_000],
  CONNECTOR_MAX_BODY_BYTES: [DEFAULT_MAX_BODY_BYTES, 1_024, 50 * 1024 * 1024],
  CONNECTOR_MAX_JSON_DEPTH: [DEFAULT_INPUT_LIMITS.maxDepth, 4, 1_000],
  CONNECTOR_MAX_JSON_MEMBERS: [DEFAULT_INPUT_LIMITS.maxMembers, 10, 1_000_000],
  CONNECTOR_MAX_STRING_LENGTH: [DEFAULT_INPUT_LIMITS.maxStringLength, 256, 50 * 1024 * 1024],
  CONNECTOR_SHUTDOWN_GRACE_MS: [DEFAULT_GRACE_MS, 0, 900_000],
  PORT: [8080, 0, 65_535],
  SANDBOX_USERS: [60, 0, 100_000],
} as const satisfies Record<string, readonly [number, number, number]>;

function numberSetting(env: NodeJS.ProcessEnv, name: keyof typeof NUMBERS): number {
  const [fallback, min, max] = NUMBERS[name];
  const value = env[name];
  if (value === undefined || value.trim() === '') return fallback;
  if (!/^\d+$/.test(value.trim()) || Number(value) < min || Number(value) > max) {
    throw new StartupError(`${name} must be a whole number from ${min} to ${max}, got "${value.slice(0, 40)}"`);
  }
  return Number(value);
}

function refuseTypos(env: NodeJS.ProcessEnv): void {
  for (const name of Object.keys(env)) {
    const meant = NEAR_MISSES[name];
    if (meant) throw new StartupError(`${name} is not a setting of this service: did you mean ${meant}?`);
    if (name.startsWith('OKTA_') && !KNOWN_OKTA.has(name)) {
      throw new StartupError(`${name} is not a setting of this service (it reads ${[...KNOWN_OKTA].filter((n) => n !== 'OKTA_OPENAPI_SPEC').join(', ')}); unset it or fix its name`);
    }
  }
}

/** Messages about the default credential name the environment variable, not the call field. */
const inEnvTerms = (message: string) =>
  message.replace(/auth\.private_key/g, 'OKTA_PRIVATE_KEY').replace(/auth\.domain/g, 'OKTA_DOMAIN').replace(/auth\.api_token/g, 'OKTA_API_TOKEN')
    .replace(/auth\.client_id/g, 'OKTA_CLIENT_ID').replace(/auth\.key_id/g, 'OKTA_KEY_ID').replace(/auth\.scopes/g, 'OKTA_SCOPES');

/**
 * One org or many, from CONNECTOR_TENANCY and the OKTA_* settings. A credential that is half set, cannot
 * be read or does not parse, or whose domain the destination policy refuses, stops the start: never a
 * silent fall-back to the sandbox, never a failure blamed on the first caller.
 */
export function tenancyFromEnv(env: NodeJS.ProcessEnv, { sandboxAllowed }: { sandboxAllowed: boolean }): TenancyConfig {
  refuseTypos(env);
  const mode = (env.CONNECTOR_TENANCY ?? '').trim().toLowerCase() || 'single';
  if (mode !== 'single' && mode !== 'multi') throw new StartupError(`CONNECTOR_TENANCY must be "single" or "multi", got "${mode.slice(0, 40)}"`);
  const set = CREDENTIAL_VARS.filter((name) => (env[name] ?? '') !== '');
  if (mode === 'multi') {
    if (set.length) throw new StartupError(`CONNECTOR_TENANCY=multi has no default credential: unset ${set.join(', ')} (every call brings its own auth)`);
    return { tenancy: 'multi', sandbox: false };
  }
  if (!set.length) {
    if (!sandboxAllowed) throw new StartupError('No Okta org configured: set OKTA_DOMAIN and OKTA_API_TOKEN (or an OAuth service app), or CONNECTOR_TENANCY=multi');
    return { tenancy: 'single', sandbox: true };
  }
  if (!env.OKTA_DOMAIN) throw new StartupError(`${set.join(', ')} set without OKTA_DOMAIN: set OKTA_DOMAIN to the org's domain (acme.okta.com)`);
  if (!env.OKTA_API_TOKEN && !env.OKTA_CLIENT_ID) {
    throw new StartupError('OKTA_DOMAIN is set without a credential: set OKTA_API_TOKEN, or OKTA_CLIENT_ID with OKTA_PRIVATE_KEY or OKTA_PRIVATE_KEY_FILE');
  }
  let defaultAuth: Record<string, unknown>;
  try {
    defaultAuth = authFromEnv(env)!;
    // Builds the provider now: the domain is normalised, the private key parsed, the destination checked.
    const provider = resolveAuth(defaultAuth, { scopes: [] });
    assertDestination(provider.orgUrl);
  } catch (error) {
    throw new StartupError(`The Okta credential is not usable: ${inEnvTerms(error instanceof Error ? error.message : String(error))}`);
  }
  return { tenancy: 'single', defaultAuth, sandbox: false };
}

export function callerKeysOrRefuse(env: NodeJS.ProcessEnv): CallerKeys | undefined {
  try {
    return callerKeysFromEnv(env);
  } catch (error) {
    if (error instanceof KeyConfigError) throw new StartupError(error.message);
    throw error;
  }
}

export function inputLimitsFromEnv(env: NodeJS.ProcessEnv): { maxBodyBytes: number; inputLimits: InputLimits } {
  return {
    maxBodyBytes: numberSetting(env, 'CONNECTOR_MAX_BODY_BYTES'),
    inputLimits: {
      maxDepth: numberSetting(env, 'CONNECTOR_MAX_JSON_DEPTH'),
      maxMembers: numberSetting(env, 'CONNECTOR_MAX_JSON_MEMBERS'),
      maxStringLength: numberSetting(env, 'CONNECTOR_MAX_STRING_LENGTH'),
    },
  };
}

/** Every setting of `npm start`, checked before anything listens. */
export function serviceConfigFromEnv(env: NodeJS.ProcessEnv): ServiceConfig {
  const host = (env.HOST ?? '').trim() || '127.0.0.1';
  const port = numberSetting(env, 'PORT');
  try {
    allowedDestinations(); // a malformed CONNECTOR_ALLOWED_DOMAINS stops the start
  } catch (error) {
    throw new StartupError((error as Error).message);
  }
  const tenancy = tenancyFromEnv(env, { sandboxAllowed: true });
  const keys = callerKeysOrRefuse(env);
  if (!keys && !isLoopbackHost(host)) {
    throw new StartupError(`HOST=${host} would expose the service beyond this machine without caller keys: set CONNECTOR_API_KEYS or CONNECTOR_API_KEYS_FILE (or listen on 127.0.0.1)`);
  }
  const allowedHostEntries = (env.CONNECTOR_ALLOWED_HOSTS ?? '').split(/[\s,]+/).filter(Boolean);
  try {
    const publicHost = publicUrlHost(env.PUBLIC_URL);
    if (publicHost) allowedHostEntries.push(publicHost);
    new AllowedHosts(allowedHostEntries);
  } catch (error) {
    if (error instanceof HostConfigError || error instanceof ConnectorError) throw new StartupError(error.message);
    throw error;
  }
  const headersTimeoutMs = numberSetting(env, 'CONNECTOR_HEADERS_TIMEOUT_MS');
  const requestTimeoutMs = numberSetting(env, 'CONNECTOR_REQUEST_TIMEOUT_MS');
  if (headersTimeoutMs > requestTimeoutMs) throw new StartupError('CONNECTOR_HEADERS_TIMEOUT_MS must not be longer than CONNECTOR_REQUEST_TIMEOUT_MS');
  return {
    ...tenancy,
    host,
    port,
    keys,
    allowedHostEntries,
    connectionLimits: {
      maxConnections: numberSetting(env, 'CONNECTOR_MAX_CONNECTIONS'),
      headersTimeoutMs,
      requestTimeoutMs,
      keepAliveTimeoutMs: numberSetting(env, 'CONNECTOR_KEEP_ALIVE_TIMEOUT_MS'),
      maxRequestsPerSocket: numberSetting(env, 'CONNECTOR_MAX_REQUESTS_PER_SOCKET'),
      maxPipelinedRequests: numberSetting(env, 'CONNECTOR_MAX_PIPELINED_REQUESTS'),
    },
    ...inputLimitsFromEnv(env),
    graceMs: numberSetting(env, 'CONNECTOR_SHUTDOWN_GRACE_MS'),
    sandboxUsers: numberSetting(env, 'SANDBOX_USERS'),
  };
}
