import { ddlRequest, quoted } from '../../src/sdk';
import type { ListUsersDDLInput, OktaUser } from '../../src/sdk';

// Okta search has no `ne`: "not DEPROVISIONED" is spelled as below or above it.
const NOT_DEPROVISIONED = 'status lt "DEPROVISIONED" or status gt "DEPROVISIONED"';
const SEARCHED_FIELDS = ['profile.login', 'profile.email', 'profile.firstName', 'profile.lastName'];

function searchExpression(input: ListUsersDDLInput): string {
  const status = input.include_deactivated ? undefined : NOT_DEPROVISIONED;
  const term = input.search?.trim();
  const match = term ? SEARCHED_FIELDS.map((f) => `${f} sw ${quoted(term)}`).join(' or ') : undefined;
  if (match && status) return `(${match}) and (${status})`;
  return match ?? status ?? `${NOT_DEPROVISIONED} or status eq "DEPROVISIONED"`;
}

export default ddlRequest<ListUsersDDLInput, OktaUser>({
  paged: { limit: 200 },
  request: (input) => ({ method: 'GET', path: '/api/v1/users', query: { search: searchExpression(input) } }),
  option: (user) => {
    const name = [user.profile?.firstName, user.profile?.lastName].filter(Boolean).join(' ');
    const login = user.profile?.login ?? user.id;
    return { text: name ? `${name} (${login})` : login, value: user.id };
  },
});
