import { ddlRequest, factorChoiceValue, oktaPath } from '../../src/sdk';
import type { ListEnrolledFactorsDDLInput, OktaFactor } from '../../src/sdk';

// The profile attribute that tells a factor apart from others of its type, by factor type:
// sms/call, email, question, push/FastPass device, WebAuthn authenticator, TOTP/U2F/token credential.
const HINT_FIELDS = ['phoneNumber', 'email', 'questionText', 'name', 'authenticatorName', 'credentialId'];

function hint(profile: OktaFactor['profile']): string | undefined {
  for (const field of HINT_FIELDS) {
    const value = profile?.[field];
    if (typeof value === 'string' && value.trim()) return value.trim();
  }
  return undefined;
}

function label(factor: OktaFactor): string {
  const kind = factor.provider ? `${factor.factorType} (${factor.provider})` : factor.factorType;
  const detail = hint(factor.profile);
  return detail ? `${kind}: ${detail}` : kind;
}

// Okta does not page factors, and has no status or type filter: both are applied here.
export default ddlRequest<ListEnrolledFactorsDDLInput, OktaFactor>({
  request: (input) => ({ method: 'GET', path: oktaPath`/api/v1/users/${input.user_id}/factors` }),
  include: (factor, input) =>
    typeof factor.id === 'string' &&
    (!input.status || factor.status === input.status) &&
    (!input.factor_type || factor.factorType === input.factor_type || factorChoiceValue(factor) === input.factor_type),
  option: (factor) => ({ text: label(factor), value: factor.id as string }),
});
