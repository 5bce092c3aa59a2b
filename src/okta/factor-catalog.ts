import type { OktaFactorCatalogEntry } from '../generated/types';
import { OktaRequest, oktaPath } from '../runtime/handler-kinds';

/** The factors a user may enroll (not paged: one response holds them all). */
export const factorCatalogRequest = (input: { user_id: string }): OktaRequest => ({
  method: 'GET',
  path: oktaPath`/api/v1/users/${input.user_id}/factors/catalog`,
});

/** The security questions a user may pick (not paged). */
export const securityQuestionsRequest = (input: { user_id: string }): OktaRequest => ({
  method: 'GET',
  path: oktaPath`/api/v1/users/${input.user_id}/factors/questions`,
});

/**
 * One dropdown value for a factor type and provider: `factorType:provider`, e.g. `token:software:totp:GOOGLE`.
 * Factor types contain colons and providers never do, so the value splits on its LAST colon.
 */
export function factorChoiceValue(entry: Pick<OktaFactorCatalogEntry, 'factorType' | 'provider'>): string {
  return `${entry.factorType}:${entry.provider ?? ''}`;
}

export function parseFactorChoice(value: string): { factorType: string; provider?: string } {
  const at = value.lastIndexOf(':');
  if (at < 0) return { factorType: value };
  const provider = value.slice(at + 1);
  return provider ? { factorType: value.slice(0, at), provider } : { factorType: value.slice(0, at) };
}

export const TOTP_FACTOR_TYPE = 'token:software:totp';

const TOTP_PROVIDER_LABELS: Record<string, string> = { OKTA: 'Okta Verify', GOOGLE: 'Google Authenticator' };

export const totpProviderLabel = (provider: string): string => TOTP_PROVIDER_LABELS[provider] ?? provider;
