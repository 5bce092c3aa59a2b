import type { ActivateUserInput, ActivateUserOutput } from '../../src/generated/types';
import { lifecycleOperation } from '../../src/lifecycle';

export default lifecycleOperation<ActivateUserInput, ActivateUserOutput>('activate');
