import type { UnsuspendUserInput, UnsuspendUserOutput } from '../../src/generated/types';
import { lifecycleOperation } from '../../src/lifecycle';

export default lifecycleOperation<UnsuspendUserInput, UnsuspendUserOutput>('unsuspend');
