import { lifecycleOperation } from '../../src/sdk';
import type { ReactivateUserInput, ReactivateUserOutput } from '../../src/sdk';

export default lifecycleOperation<ReactivateUserInput, ReactivateUserOutput>('reactivate');
