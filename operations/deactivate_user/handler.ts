import type { DeactivateUserInput, DeactivateUserOutput } from '../../src/generated/types';
import { lifecycleOperation } from '../../src/lifecycle';

export default lifecycleOperation<DeactivateUserInput, DeactivateUserOutput>('deactivate');
