import fs from 'node:fs';
import { userInputError } from '../core/errors';

const TRUE = new Set(['1', 'true', 'yes']);

function privateKeyFromEnv(env: NodeJS.ProcessEnv): string {
  if (env.OKTA_PRIVATE_KEY) return env.OKTA_PRIVATE_KEY;
  const file = env.OKTA_PRIVATE_KEY_FILE;
  if (!file) {
    throw userInputError('OKTA_CLIENT_ID is set but the key is missing: set OKTA_PRIVATE_KEY (PEM or JWK) or OKTA_PRIVATE_KEY_FILE', ['OKTA_PRIVATE_KEY']);
  }
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as { code?: string }).code;
    throw userInputError(`OKTA_PRIVATE_KEY_FILE "${file}" could not be read${code ? ` (${code})` : ''}`, ['OKTA_PRIVATE_KEY_FILE']);
  }
}

/**
 * The credential the CLI uses when `--auth` is not given. OKTA_DOMAIN plus either OKTA_API_TOKEN, or an
 * OAuth service app: OKTA_CLIENT_ID, OKTA_PRIVATE_KEY or OKTA_PRIVATE_KEY_FILE, and optionally OKTA_KEY_ID,
 * OKTA_SCOPES (space or comma separated) and OKTA_DPOP=true. The API token wins when both are set.
 */
export function authFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> | undefined {
  const domain = env.OKTA_DOMAIN;
  if (!domain) return undefined;
  if (env.OKTA_API_TOKEN) return { domain, api_token: env.OKTA_API_TOKEN };
  if (!env.OKTA_CLIENT_ID) return undefined;
  const auth: Record<string, unknown> = { domain, client_id: env.OKTA_CLIENT_ID, private_key: privateKeyFromEnv(env) };
  if (env.OKTA_KEY_ID) auth.key_id = env.OKTA_KEY_ID;
  const scopes = (env.OKTA_SCOPES ?? '').split(/[\s,]+/).filter(Boolean);
  if (scopes.length) auth.scopes = scopes;
  if (env.OKTA_DPOP && TRUE.has(env.OKTA_DPOP.trim().toLowerCase())) auth.dpop = true;
  return auth;
}
