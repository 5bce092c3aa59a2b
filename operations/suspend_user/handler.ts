import type { SuspendUserInput, SuspendUserOutput } from '../../src/generated/types';
import { lifecycleOperation } from '../../src/lifecycle';

export default lifecycleOperation<SuspendUserInput, SuspendUserOutput>('suspend');
