import { assertComparisons } from '../core/expression-fields';
import { oktaErrors } from '../core/okta-error-bodies';
import { OktaObject, SandboxOrg } from '../core/org';
import { pageOf } from '../core/paging';
import { Route, SandboxRequest, SandboxResponse } from '../core/route-types';
import { compileExpression } from '../core/scim-expression';
import { requireUser } from '../users/user-store';
import { appUserOf } from './app-grants';
import { appGroupRoutes } from './app-groups';
import { dashboardUrl, logoUrl, renderApp, requireApp } from './app-store';
import { appUserRoutes } from './app-users';

export { seedApps } from './app-seed';

/** Okta's old reference gave 20 as the default page size and 200 as the maximum (spec: `maximum: 200`). */
const APPS = { defaultLimit: 20, maxLimit: 200 };
/** Spec `listApplications.filter`: "id, status, credentials.signing.kid, settings.slo.enabled, or name". */
const FILTER_FIELDS = new Set(['id', 'status', 'credentials.signing.kid', 'settings.slo.enabled', 'name']);

function listApps(org: SandboxOrg, req: SandboxRequest): SandboxResponse {
  let apps = [...org.apps.values()];
  const q = req.query.get('q')?.toLowerCase();
  const filter = req.query.get('filter');
  // `q` is a starts-with match on `name` or `label` (spec `listApplications.q`).
  if (q) apps = apps.filter((app) => [app.name, app.label].some((v) => String(v).toLowerCase().startsWith(q)));
  if (filter) {
    assertComparisons(filter, ({ attribute, operator }) => FILTER_FIELDS.has(attribute) && operator === 'eq', oktaErrors.invalidFilter);
    apps = apps.filter(compileExpression(filter, { caseSensitive: true, error: oktaErrors.invalidFilter }));
  }
  const page = pageOf(req, apps, (app) => app.id, APPS);
  return { ...page, body: (page.body as OktaObject[]).map((app) => renderApp(app, req.baseUrl)) };
}

/**
 * `GET /users/{id}/appLinks` (spec `listAppLinks`): a link per active app assigned to the user, directly or
 * through a group, shaped like the spec's `ListAppLinks` example.
 */
function listAppLinks(org: SandboxOrg, req: SandboxRequest): SandboxResponse {
  const user = requireUser(org, req.params.id);
  const links = [...org.apps.values()]
    .filter((app) => app.status === 'ACTIVE')
    .flatMap((app) => {
      const appUser = appUserOf(org, app, user.id);
      if (!appUser) return [];
      return [{
        id: user.id,
        label: app.label,
        linkUrl: dashboardUrl(app, req.baseUrl),
        logoUrl: logoUrl(req.baseUrl),
        appName: app.name,
        appInstanceId: app.id,
        appAssignmentId: `0ua${app.id.slice(3, 10)}${user.id.slice(3, 13)}`,
        credentialsSetup: false,
        hidden: app.visibility?.hide?.web === true,
      }];
    })
    .map((link, sortOrder) => ({ ...link, sortOrder }));
  return { status: 200, body: links };
}

/** The Applications API: the catalogue, user and group assignments, and a user's app links. */
export function appsRoutes(org: SandboxOrg): Route[] {
  return [
    { method: 'GET', pattern: '/api/v1/apps', handle: (req) => listApps(org, req) },
    { method: 'GET', pattern: '/api/v1/apps/:appId', handle: (req) => ({ status: 200, body: renderApp(requireApp(org, req.params.appId), req.baseUrl) }) },
    { method: 'GET', pattern: '/api/v1/users/:id/appLinks', handle: (req) => listAppLinks(org, req) },
    ...appUserRoutes(org),
    ...appGroupRoutes(org),
  ];
}
