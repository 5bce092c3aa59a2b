import { lifecycleOperation } from '../../src/sdk';
import type { ActivateUserInput, ActivateUserOutput } from '../../src/sdk';

export default lifecycleOperation<ActivateUserInput, ActivateUserOutput>('activate');
