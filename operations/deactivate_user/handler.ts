import { lifecycleOperation } from '../../src/sdk';
import type { DeactivateUserInput, DeactivateUserOutput } from '../../src/sdk';

export default lifecycleOperation<DeactivateUserInput, DeactivateUserOutput>('deactivate');
