import type { EnrollEmailFactorInput } from '../../src/generated/types';
import { enrollFactor } from '../../src/factor-enrollment';

export default enrollFactor<EnrollEmailFactorInput>({
  factorType: 'email',
  profile: (input) => ({ email: input.email }),
});
