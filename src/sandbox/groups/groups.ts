import { oktaErrors } from '../core/okta-error-bodies';
import { assertComparisons } from '../core/expression-fields';
import { groupMembershipRoutes } from './group-members';
import { assertGroupNameFree, groupTarget, newGroup, renderGroup, requireGroup, validatedProfile } from './group-store';
import { timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';
import { pageOf } from '../core/paging';
import { compileExpression, valueAt } from '../core/scim-expression';
import { Route, SandboxRequest, SandboxResponse } from '../core/route-types';

export { seedGroups } from './group-seed';

const LIST = { defaultLimit: 200, maxLimit: 10000 };
/** `q` is for autocomplete: one page, no `next` link. */
const QUICK_FIND = { defaultLimit: 300, maxLimit: 10000 };
const SEARCH_FIELDS = new Set(['id', 'type', 'created', 'lastUpdated', 'lastMembershipUpdated', 'source.id']);
const FILTER_FIELDS = new Set(['id', 'type', 'lastUpdated', 'lastMembershipUpdated']);

/** `search` (any profile attribute and a few top-level ones; values case-insensitive; `co` only on name/description). */
function searchPredicate(expr: string) {
  assertComparisons(
    expr,
    ({ attribute, operator }) =>
      (attribute.startsWith('profile.') || SEARCH_FIELDS.has(attribute)) &&
      (operator !== 'co' || attribute === 'profile.name' || attribute === 'profile.description'),
    oktaErrors.invalidSearch,
  );
  return compileExpression(expr);
}

/** `filter` (a fixed set of fields, values case-sensitive). */
function filterPredicate(expr: string) {
  assertComparisons(expr, ({ attribute }) => FILTER_FIELDS.has(attribute), oktaErrors.invalidSearch);
  return compileExpression(expr, { caseSensitive: true });
}

function sortedBy(groups: OktaObject[], sortBy: string, descending: boolean): OktaObject[] {
  const key = (group: OktaObject) => String(valueAt(group, sortBy) ?? '').toLowerCase();
  const sorted = [...groups].sort((a, b) => key(a).localeCompare(key(b)));
  return descending ? sorted.reverse() : sorted;
}

function listGroups(org: SandboxOrg, req: SandboxRequest): SandboxResponse {
  const { query } = req;
  let groups = [...org.groups.values()];
  const search = query.get('search');
  const filter = query.get('filter');
  const q = query.get('q');
  if (search) groups = groups.filter(searchPredicate(search));
  if (filter) groups = groups.filter(filterPredicate(filter));
  if (q) groups = groups.filter((group) => String(group.profile?.name ?? '').toLowerCase().startsWith(q.toLowerCase()));
  const sortBy = query.get('sortBy');
  if (search && sortBy) groups = sortedBy(groups, sortBy, query.get('sortOrder')?.toLowerCase() === 'desc');

  const expand = query.get('expand');
  const render = (list: OktaObject[]) => list.map((group) => renderGroup(org, group, req.baseUrl, expand));
  if (q) {
    const requested = Number(query.get('limit') ?? QUICK_FIND.defaultLimit);
    const limit = requested > 0 ? Math.min(Math.floor(requested), QUICK_FIND.maxLimit) : QUICK_FIND.defaultLimit;
    const self = `<${req.baseUrl}${req.url.pathname}?${query.toString()}>; rel="self"`;
    return { status: 200, body: render(groups.slice(0, limit)), headers: { Link: self } };
  }
  const page = pageOf(req, groups, (group) => group.id, LIST);
  return { ...page, body: render(page.body as OktaObject[]) };
}

/** Only OKTA_GROUP groups can be changed through the API (403 E0000006 otherwise). */
function requireOktaGroup(org: SandboxOrg, groupId: string): OktaObject {
  const group = requireGroup(org, groupId);
  if (group.type !== 'OKTA_GROUP') throw oktaErrors.forbidden();
  return group;
}

export function groupsRoutes(org: SandboxOrg): Route[] {
  return [
    { method: 'GET', pattern: '/api/v1/groups', handle: (req) => listGroups(org, req) },
    {
      method: 'POST',
      pattern: '/api/v1/groups',
      handle: (req) => {
        const profile = validatedProfile(req.body);
        assertGroupNameFree(org, profile.name);
        const group = newGroup('OKTA_GROUP', profile);
        org.groups.set(group.id, group);
        org.memberships.set(group.id, new Set());
        org.log('group.lifecycle.create', 'Create okta group', [groupTarget(group)]);
        return { status: 200, body: renderGroup(org, group, req.baseUrl) };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v1/groups/:groupId',
      handle: (req) => ({ status: 200, body: renderGroup(org, requireGroup(org, req.params.groupId), req.baseUrl) }),
    },
    {
      method: 'PUT',
      pattern: '/api/v1/groups/:groupId',
      handle: (req) => {
        const group = requireOktaGroup(org, req.params.groupId);
        const profile = validatedProfile(req.body);
        assertGroupNameFree(org, profile.name, group.id);
        group.profile = profile;
        group.lastUpdated = timestamp();
        org.log('group.profile.update', "Update group's profile", [groupTarget(group)]);
        return { status: 200, body: renderGroup(org, group, req.baseUrl) };
      },
    },
    {
      method: 'DELETE',
      pattern: '/api/v1/groups/:groupId',
      handle: (req) => {
        const group = requireOktaGroup(org, req.params.groupId);
        org.groups.delete(group.id);
        org.memberships.delete(group.id);
        org.log('group.lifecycle.delete', 'Delete okta group', [groupTarget(group)]);
        return { status: 204 };
      },
    },
    ...groupMembershipRoutes(org),
  ];
}
