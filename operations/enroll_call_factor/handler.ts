import type { EnrollCallFactorInput } from '../../src/generated/types';
import { enrollFactor } from '../../src/factor-enrollment';

export default enrollFactor<EnrollCallFactorInput>({
  factorType: 'call',
  profile: (input) => ({ phoneNumber: input.phone_number, phoneExtension: input.phone_extension }),
});
