import { lifecycleOperation } from '../../src/sdk';
import type { UnsuspendUserInput, UnsuspendUserOutput } from '../../src/sdk';

export default lifecycleOperation<UnsuspendUserInput, UnsuspendUserOutput>('unsuspend');
