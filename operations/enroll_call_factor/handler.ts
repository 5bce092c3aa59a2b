import { enrollFactor } from '../../src/sdk';
import type { EnrollCallFactorInput } from '../../src/sdk';

export default enrollFactor<EnrollCallFactorInput>({
  factorType: 'call',
  profile: (input) => ({ phoneNumber: input.phone_number, phoneExtension: input.phone_extension }),
});
