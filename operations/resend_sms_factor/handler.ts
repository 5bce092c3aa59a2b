import { defineOperation, FACTOR_ACTIVATION_LIMITS, oktaPath, OperationContext, userInputError } from '../../src/sdk';
import type { OktaFactor, ResendSMSFactorInput, ResendSMSFactorOutput } from '../../src/sdk';

/** Okta's examples show numbers like +1-555-415-1337; the resend body must be strict E.164. */
const e164 = (phone: string): string => phone.replace(/[\s().-]/g, '');

/** The number the pending sms factor was enrolled with, read from the factor itself. */
async function enrolledPhone(ctx: OperationContext, factorPath: string, factorId: string): Promise<string> {
  const { body: factor } = await ctx.request<OktaFactor>({ method: 'GET', path: factorPath });
  if (factor.factorType !== 'sms') {
    throw userInputError(`Factor ${factorId} has type ${factor.factorType}: this operation resends SMS codes only`, ['factor_id']);
  }
  if (factor.status !== 'PENDING_ACTIVATION') {
    throw userInputError(`Factor ${factorId} is ${factor.status}: codes can only be resent while it is PENDING_ACTIVATION`, ['factor_id']);
  }
  const phone = factor.profile?.phoneNumber;
  if (typeof phone !== 'string' || !phone.trim()) {
    throw userInputError(`Factor ${factorId} has no phone number: set phone_number`, ['phone_number']);
  }
  return e164(phone);
}

export default defineOperation<ResendSMSFactorInput, ResendSMSFactorOutput>(async (input, ctx) => {
  const factorPath = oktaPath`/api/v1/users/${input.user_id}/factors/${input.factor_id}`;
  const phoneNumber = input.phone_number ?? (await enrolledPhone(ctx, factorPath, input.factor_id));
  const response = await ctx.request<ResendSMSFactorOutput>({
    method: 'POST',
    path: `${factorPath}/resend`,
    query: { templateId: input.template_id },
    body: { factorType: 'sms', provider: 'OKTA', profile: { phoneNumber } },
    functionalLimits: FACTOR_ACTIVATION_LIMITS,
  });
  return response.body;
});
