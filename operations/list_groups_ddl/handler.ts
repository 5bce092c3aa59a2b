import { ddlRequest, quoted } from '../../src/sdk';
import type { ListGroupsDDLInput, OktaGroup } from '../../src/sdk';

function searchExpression(input: ListGroupsDDLInput): string | undefined {
  const clauses = [
    input.search?.trim() ? `profile.name sw ${quoted(input.search.trim())}` : undefined,
    input.okta_groups_only ? 'type eq "OKTA_GROUP"' : undefined,
  ].filter(Boolean);
  return clauses.length ? clauses.join(' and ') : undefined;
}

export default ddlRequest<ListGroupsDDLInput, OktaGroup>({
  paged: { limit: 200 },
  request: (input) => ({ method: 'GET', path: '/api/v1/groups', query: { search: searchExpression(input) } }),
  option: (group) => ({ text: group.profile?.name ?? group.id, value: group.id }),
});
