import { groupProfileFields, singleRequest } from '../../src/sdk';
import type { CreateGroupInput, CreateGroupOutput } from '../../src/sdk';

// Okta answers 200 (not 201) with the new group.
export default singleRequest<CreateGroupInput, CreateGroupOutput>({
  request: (input) => ({ method: 'POST', path: '/api/v1/groups', body: { profile: groupProfileFields(input) } }),
  output: (response) => response.body,
});
