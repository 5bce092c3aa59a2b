import type { EnrollTOTPFactorInput, EnrollTOTPFactorOutput } from '../../src/generated/types';
import { enrollFactor, enrollmentOutput, totpActivation } from '../../src/factor-enrollment';
import { TOTP_FACTOR_TYPE } from '../../src/factor-catalog';

export default enrollFactor<EnrollTOTPFactorInput, EnrollTOTPFactorOutput>({
  factorType: TOTP_FACTOR_TYPE,
  provider: (input) => input.provider,
  output: (factor) => ({ ...enrollmentOutput(factor), ...totpActivation(factor) }),
});
