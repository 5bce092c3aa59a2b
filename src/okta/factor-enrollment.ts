import type { FactorEnrollment, OktaFactor } from '../generated/types';
import { OperationHandler, oktaPath, singleRequest } from '../runtime/handler-kinds';

/** The input fields enroll operations may carry; each operation's schema offers those its factor supports. */
export interface EnrollmentInput {
  user_id: string;
  activate?: boolean;
  update_phone?: boolean;
  token_lifetime_seconds?: number;
  template_id?: string;
  language?: string;
}

export interface EnrollmentDefinition<I, O> {
  factorType: string;
  /** OKTA when missing or undefined. */
  provider?: (input: I) => string | undefined;
  /** The factor profile; left out of the body when undefined. */
  profile?: (input: I) => Record<string, unknown> | undefined;
  output?: (factor: OktaFactor) => O;
}

/** Reads a string at a path of nested objects, or null when anything on the way is missing. */
function stringAt(value: unknown, ...path: string[]): string | null {
  const found = path.reduce<unknown>((node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined), value);
  return typeof found === 'string' ? found : null;
}

export function enrollmentOutput(factor: OktaFactor): FactorEnrollment {
  return { factor, activate_url: stringAt(factor, '_links', 'activate', 'href') };
}

/** TOTP seed and QR link. Live responses nest the QR link in `activation`, Okta's spec examples put it beside it. */
export function totpActivation(factor: OktaFactor): { shared_secret: string | null; qr_code_url: string | null } {
  return {
    shared_secret: stringAt(factor, '_embedded', 'activation', 'sharedSecret'),
    qr_code_url: stringAt(factor, '_embedded', 'activation', '_links', 'qrcode', 'href') ?? stringAt(factor, '_embedded', '_links', 'qrcode', 'href'),
  };
}

/**
 * Enrolls one factor type: POST /api/v1/users/{userId}/factors. Okta's options are sent only when the builder set
 * them (switches only when on), so Okta's own defaults apply otherwise.
 */
export function enrollFactor<I extends EnrollmentInput>(definition: EnrollmentDefinition<I, FactorEnrollment>): OperationHandler<I, FactorEnrollment>;
export function enrollFactor<I extends EnrollmentInput, O>(definition: EnrollmentDefinition<I, O> & { output: (factor: OktaFactor) => O }): OperationHandler<I, O>;
export function enrollFactor<I extends EnrollmentInput, O>(definition: EnrollmentDefinition<I, O | FactorEnrollment>): OperationHandler<I, O | FactorEnrollment> {
  const output = definition.output ?? enrollmentOutput;
  return singleRequest<I, O | FactorEnrollment, OktaFactor>({
    request: (input) => {
      const profile = definition.profile?.(input);
      return {
        method: 'POST',
        path: oktaPath`/api/v1/users/${input.user_id}/factors`,
        query: {
          activate: input.activate ? true : undefined,
          updatePhone: input.update_phone ? true : undefined,
          tokenLifetimeSeconds: input.token_lifetime_seconds,
          templateId: input.template_id,
        },
        headers: input.language ? { 'Accept-Language': input.language } : undefined,
        body: { factorType: definition.factorType, provider: definition.provider?.(input) ?? 'OKTA', ...(profile ? { profile } : {}) },
      };
    },
    output: (response) => output(response.body),
  });
}
