import type { ReactivateUserInput, ReactivateUserOutput } from '../../src/generated/types';
import { lifecycleOperation } from '../../src/lifecycle';

export default lifecycleOperation<ReactivateUserInput, ReactivateUserOutput>('reactivate');
