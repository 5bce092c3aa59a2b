import { lifecycleOperation } from '../../src/sdk';
import type { SuspendUserInput, SuspendUserOutput } from '../../src/sdk';

export default lifecycleOperation<SuspendUserInput, SuspendUserOutput>('suspend');
