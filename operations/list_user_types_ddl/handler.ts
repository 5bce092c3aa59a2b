import { ddlRequest } from '../../src/sdk';
import type { ListUserTypesDDLInput, OktaUserType } from '../../src/sdk';

// Okta does not page user types: one request returns them all.
export default ddlRequest<ListUserTypesDDLInput, OktaUserType>({
  request: () => ({ method: 'GET', path: '/api/v1/meta/types/user' }),
  option: (type) => ({ text: `${type.displayName ?? type.name ?? type.id}${type.default ? ' (default)' : ''}`, value: type.id }),
});
