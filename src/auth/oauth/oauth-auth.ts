import { userInputError } from '../../core/errors';
import { normaliseOrgUrl } from '../../http/org-url';
import { requestedScopes } from './scopes';
import { loadSigningKey, SigningKey } from './signing-key';

/** The credential of an Okta "API Services" app that authenticates with `private_key_jwt`. */
export interface OAuthAuth {
  domain: string;
  client_id: string;
  /** PEM (PKCS#8, PKCS#1 or SEC1), a private JWK, or a JWK as JSON text. RSA or EC. */
  private_key: string | Record<string, unknown>;
  /** `kid` of the public key registered on the app; defaults to the JWK's `kid`. */
  key_id?: string;
  /** Replaces the called operation's scopes; a list or one space/comma separated string. */
  scopes?: string | string[];
  /** Send DPoP proofs from the first token request instead of waiting for Okta to ask for them. */
  dpop?: boolean;
}

export interface OAuthConfig {
  orgUrl: string;
  tokenUrl: string;
  clientId: string;
  signingKey: SigningKey;
  keyId?: string;
  scopes: string[];
  forceDpop: boolean;
}

const PRINTABLE = /^[\x21-\x7E]+$/;

function optionalString(fields: Record<string, unknown>, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string' || !PRINTABLE.test(value.trim())) {
    throw userInputError(`auth.${name} must be a single word of printable characters`, [`auth.${name}`]);
  }
  return value.trim();
}

export function isOAuthAuth(fields: Record<string, unknown>): boolean {
  return 'client_id' in fields || 'private_key' in fields;
}

/** Checks the credential fields and prepares the key; throws user_input_error naming the bad field. */
export function parseOAuthAuth(fields: Record<string, unknown>, operationScopes: readonly string[]): OAuthConfig {
  const orgUrl = normaliseOrgUrl(fields.domain);
  const clientId = optionalString(fields, 'client_id');
  if (!clientId) throw userInputError('auth.client_id is required: the client ID of the Okta API Services app', ['auth.client_id']);
  if (fields.dpop !== undefined && typeof fields.dpop !== 'boolean') {
    throw userInputError('auth.dpop must be true or false', ['auth.dpop']);
  }
  const signingKey = loadSigningKey(fields.private_key);
  return {
    orgUrl,
    tokenUrl: `${orgUrl}/oauth2/v1/token`,
    clientId,
    signingKey,
    keyId: optionalString(fields, 'key_id') ?? signingKey.kid,
    scopes: requestedScopes(fields.scopes, operationScopes),
    forceDpop: fields.dpop === true,
  };
}
