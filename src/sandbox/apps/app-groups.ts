import { oktaErrors } from '../core/okta-error-bodies';
import { timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';
import { pageOf } from '../core/paging';
import { Route, SandboxRequest } from '../core/route-types';
import { groupTarget, renderGroup, requireGroup } from '../groups/group-store';
import { requireApp } from './app-store';

/** Spec `queryGroupAssignmentLimit`: 20-200, default 20. */
const APP_GROUPS = { defaultLimit: 20, maxLimit: 200 };

const appTarget = (app: OktaObject) => ({ id: app.id, type: 'AppInstance', alternateId: String(app.label), displayName: String(app.label) });

function assignmentsOf(org: SandboxOrg, appId: string): Map<string, OktaObject> {
  let assignments = org.appGroups.get(appId);
  if (!assignments) org.appGroups.set(appId, (assignments = new Map()));
  return assignments;
}

/** Assignments whose group still exists (a deleted group's assignment goes with it), by priority. */
function liveAssignments(org: SandboxOrg, appId: string): OktaObject[] {
  return [...assignmentsOf(org, appId).values()].filter((a) => org.groups.has(a.id)).sort((a, b) => a.priority - b.priority);
}

/** `ApplicationGroupAssignment` with its links; `expand=group` embeds the group. */
function renderAssignment(org: SandboxOrg, appId: string, assignment: OktaObject, req: SandboxRequest): OktaObject {
  const api = `${req.baseUrl}/api/v1`;
  const rendered: OktaObject = {
    ...structuredClone(assignment),
    _links: { app: { href: `${api}/apps/${appId}` }, self: { href: `${api}/apps/${appId}/groups/${assignment.id}` }, group: { href: `${api}/groups/${assignment.id}` } },
  };
  if (req.query.get('expand') === 'group') rendered._embedded = { group: renderGroup(org, org.groups.get(assignment.id)!, req.baseUrl) };
  return rendered;
}

function requireAssignment(org: SandboxOrg, req: SandboxRequest): { app: OktaObject; group: OktaObject; assignment: OktaObject | undefined } {
  const app = requireApp(org, req.params.appId);
  const group = requireGroup(org, req.params.groupId);
  return { app, group, assignment: assignmentsOf(org, app.id).get(group.id) };
}

/**
 * `PUT /apps/{appId}/groups/{groupId}` (spec `assignGroupToApplication`): assigns or replaces the assignment. A
 * priority left out keeps the current one, or takes the next free one ("the next highest priority").
 */
function assignGroup(org: SandboxOrg, req: SandboxRequest) {
  const { app, group, assignment: current } = requireAssignment(org, req);
  const body = (req.body && typeof req.body === 'object' ? req.body : {}) as OktaObject;
  if (body.priority !== undefined && (!Number.isInteger(body.priority) || body.priority < 0)) {
    throw oktaErrors.validation('priority', ['priority: Must be a whole number of 0 or more']);
  }
  if (body.profile !== undefined && (typeof body.profile !== 'object' || body.profile === null || Array.isArray(body.profile))) {
    throw oktaErrors.validation('profile', ['profile: Must be an object']);
  }
  const taken = liveAssignments(org, app.id).map((a) => a.priority as number);
  const priority = body.priority ?? current?.priority ?? (taken.length ? Math.max(...taken) + 1 : 0);
  const assignment = { id: group.id, lastUpdated: timestamp(), priority, profile: structuredClone(body.profile ?? current?.profile ?? {}) };
  assignmentsOf(org, app.id).set(group.id, assignment);
  if (!current) org.log('application.user_membership.add', 'Add group to application', [groupTarget(group), appTarget(app)]);
  return { status: 200, body: renderAssignment(org, app.id, assignment, req) };
}

export function appGroupRoutes(org: SandboxOrg): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v1/apps/:appId/groups',
      handle: (req) => {
        const app = requireApp(org, req.params.appId);
        const q = req.query.get('q')?.toLowerCase();
        const assignments = liveAssignments(org, app.id).filter((a) => !q || String(org.groups.get(a.id)?.profile?.name ?? '').toLowerCase().startsWith(q));
        const page = pageOf(req, assignments, (a) => a.id, APP_GROUPS);
        return { ...page, body: (page.body as OktaObject[]).map((a) => renderAssignment(org, app.id, a, req)) };
      },
    },
    {
      method: 'GET',
      pattern: '/api/v1/apps/:appId/groups/:groupId',
      handle: (req) => {
        const { app, group, assignment } = requireAssignment(org, req);
        if (!assignment) throw oktaErrors.notFound(group.id, 'ApplicationGroupAssignment');
        return { status: 200, body: renderAssignment(org, app.id, assignment, req) };
      },
    },
    { method: 'PUT', pattern: '/api/v1/apps/:appId/groups/:groupId', handle: (req) => assignGroup(org, req) },
    {
      method: 'DELETE',
      pattern: '/api/v1/apps/:appId/groups/:groupId',
      handle: (req) => {
        // An unassigned group answers 404 E0000007: undocumented, inferred as for other missing sub-resources.
        const { app, group, assignment } = requireAssignment(org, req);
        if (!assignment) throw oktaErrors.notFound(group.id, 'ApplicationGroupAssignment');
        assignmentsOf(org, app.id).delete(group.id);
        org.log('application.user_membership.remove', 'Remove group from application', [groupTarget(group), appTarget(app)]);
        return { status: 204 };
      },
    },
  ];
}
