import { lifecycleOperation } from '../../src/sdk';
import type { UnlockUserInput, UnlockUserOutput } from '../../src/sdk';

export default lifecycleOperation<UnlockUserInput, UnlockUserOutput>('unlock');
