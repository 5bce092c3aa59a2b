import { enrollFactor } from '../../src/sdk';
import type { EnrollEmailFactorInput } from '../../src/sdk';

export default enrollFactor<EnrollEmailFactorInput>({
  factorType: 'email',
  profile: (input) => ({ email: input.email }),
});
