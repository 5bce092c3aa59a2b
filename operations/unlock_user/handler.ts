import type { UnlockUserInput, UnlockUserOutput } from '../../src/generated/types';
import { lifecycleOperation } from '../../src/lifecycle';

export default lifecycleOperation<UnlockUserInput, UnlockUserOutput>('unlock');
