import { enrollFactor } from '../../src/sdk';
import type { EnrollSMSFactorInput } from '../../src/sdk';

// Without a phone number Okta enrolls the phone already registered for the user.
export default enrollFactor<EnrollSMSFactorInput>({
  factorType: 'sms',
  profile: (input) => (input.phone_number ? { phoneNumber: input.phone_number } : undefined),
});
