import { enrollFactor, enrollmentOutput, TOTP_FACTOR_TYPE, totpActivation } from '../../src/sdk';
import type { EnrollTOTPFactorInput, EnrollTOTPFactorOutput } from '../../src/sdk';

export default enrollFactor<EnrollTOTPFactorInput, EnrollTOTPFactorOutput>({
  factorType: TOTP_FACTOR_TYPE,
  provider: (input) => input.provider,
  output: (factor) => ({ ...enrollmentOutput(factor), ...totpActivation(factor) }),
});
