import { oktaErrors, SandboxError } from '../core/okta-error-bodies';
import { timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';
import { pageOf } from '../core/paging';
import { Route, SandboxRequest } from '../core/route-types';
import { userTarget } from '../users/user-store';
import { appUserOf, appUsersOf, groupGrants, renderAppUser } from './app-grants';
import { requireApp, requireUserById, VAULTED_MODES } from './app-store';

/** Spec `queryAppLimit`: 1-500, default 50. */
const APP_USERS = { defaultLimit: 50, maxLimit: 500 };
const USERNAME_MAX = 100;

/** Spec example `ErrorAppUserUpdateBadRequest` (400 E0000041). */
const credentialsNotAllowed = () =>
  new SandboxError(400, 'E0000041', 'Credentials should not be set on this resource based on the scheme.', ['User level credentials should not be provided for this scheme.']);

/**
 * DOCS-errors: E0000046 (403) "Deactivate application for user forbidden."; the cause is the one Okta gives when
 * group memberships still grant the app (terraform-provider-okta#120, gravitational/teleport#53947).
 */
const stillGrantedByGroup = () =>
  new SandboxError(403, 'E0000046', 'Deactivate application for user forbidden.', ['The application cannot be unassigned from the user while their group memberships grant them access']);

const appTarget = (app: OktaObject) => ({ id: app.id, type: 'AppInstance', alternateId: String(app.label), displayName: String(app.label) });

/**
 * Which credentials an app takes per user: none on a bookmark; a username but no password on federated apps
 * (SAML, OIDC, WS-Fed); for vaulted apps, what `credentials.scheme` leaves to the user (spec `ApplicationCredentialsScheme`).
 */
function assertCredentialsFit(app: OktaObject, credentials: OktaObject | undefined): void {
  if (!credentials) return;
  const { userName, password } = credentials;
  if (userName !== undefined && (typeof userName !== 'string' || userName.length < 1 || userName.length > USERNAME_MAX)) {
    throw oktaErrors.validation('userName', [`userName: The field must be between 1 and ${USERNAME_MAX} characters`]);
  }
  const scheme = app.credentials?.scheme;
  if (app.signOnMode === 'BOOKMARK' || scheme === 'SHARED_USERNAME_AND_PASSWORD') throw credentialsNotAllowed();
  if (password !== undefined && (!VAULTED_MODES.has(app.signOnMode) || scheme === 'EXTERNAL_PASSWORD_SYNC')) throw credentialsNotAllowed();
}

/** `POST /apps/{appId}/users` (spec `assignUserToApplication`): assigns directly, or updates a direct assignment. */
function assignUser(org: SandboxOrg, req: SandboxRequest) {
  const app = requireApp(org, req.params.appId);
  const body = (req.body && typeof req.body === 'object' ? req.body : {}) as OktaObject;
  if (typeof body.id !== 'string' || body.id === '') throw oktaErrors.validation('id', ['id: The field cannot be left blank']);
  const user = requireUserById(org, body.id);
  assertCredentialsFit(app, body.credentials);
  const now = timestamp();
  let direct = org.appUsers.get(app.id)?.get(user.id);
  if (!direct) {
    const inherited = appUserOf(org, app, user.id);
    direct = {
      id: user.id,
      externalId: null,
      created: now,
      lastUpdated: now,
      scope: 'USER',
      status: 'ACTIVE',
      statusChanged: now,
      passwordChanged: null,
      syncState: 'DISABLED',
      credentials: { userName: String(user.profile?.login) },
      profile: structuredClone(inherited?.profile ?? {}),
    };
    if (!org.appUsers.has(app.id)) org.appUsers.set(app.id, new Map());
    org.appUsers.get(app.id)!.set(user.id, direct);
    org.log('application.user_membership.add', 'Add user to application membership', [userTarget(user), appTarget(app)]);
  }
  const { userName, password } = (body.credentials ?? {}) as OktaObject;
  if (userName !== undefined) direct.credentials.userName = userName;
  if (password !== undefined) {
    direct.credentials.password = {};
    direct.passwordChanged = now;
  }
  if (body.profile && typeof body.profile === 'object') direct.profile = { ...direct.profile, ...structuredClone(body.profile) };
  direct.lastUpdated = now;
  return { status: 200, body: renderAppUser(org, app.id, direct, req.baseUrl) };
}

/**
 * `DELETE /apps/{appId}/users/{userId}` (spec `unassignUserFromApplication`). A user whose groups grant the app
 * cannot be unassigned (403 E0000046), even with a direct assignment too. A user the app is not assigned to is
 * not found (404 E0000007): undocumented, inferred from Okta's answer for other missing sub-resources.
 */
function unassignUser(org: SandboxOrg, req: SandboxRequest) {
  const app = requireApp(org, req.params.appId);
  const user = requireUserById(org, req.params.userId);
  if (!appUserOf(org, app, user.id)) throw oktaErrors.notFound(user.id, 'AppUser');
  if (groupGrants(org, app.id, user.id).length > 0) throw stillGrantedByGroup();
  org.appUsers.get(app.id)!.delete(user.id);
  org.log('application.user_membership.remove', 'Remove user from application membership', [userTarget(user), appTarget(app)]);
  return { status: 204 };
}

/** `q`: starts-with on the app user's userName, firstName, lastName or email (spec `queryAppUserQ`). */
function matchesQuery(org: SandboxOrg, appUser: OktaObject, q: string): boolean {
  const wanted = q.toLowerCase();
  const profile = { ...(org.users.get(appUser.id)?.profile ?? {}), ...appUser.profile };
  return [appUser.credentials?.userName, profile.firstName, profile.lastName, profile.email].some((v) => typeof v === 'string' && v.toLowerCase().startsWith(wanted));
}

export function appUserRoutes(org: SandboxOrg): Route[] {
  return [
    {
      method: 'GET',
      pattern: '/api/v1/apps/:appId/users',
      handle: (req) => {
        const app = requireApp(org, req.params.appId);
        const q = req.query.get('q');
        const appUsers = appUsersOf(org, app).filter((appUser) => !q || matchesQuery(org, appUser, q));
        const page = pageOf(req, appUsers, (appUser) => appUser.id, APP_USERS);
        const expandUser = req.query.get('expand') === 'user';
        return { ...page, body: (page.body as OktaObject[]).map((appUser) => renderAppUser(org, app.id, appUser, req.baseUrl, expandUser)) };
      },
    },
    { method: 'POST', pattern: '/api/v1/apps/:appId/users', handle: (req) => assignUser(org, req) },
    {
      method: 'GET',
      pattern: '/api/v1/apps/:appId/users/:userId',
      handle: (req) => {
        const app = requireApp(org, req.params.appId);
        const appUser = appUserOf(org, app, req.params.userId);
        if (!appUser) throw oktaErrors.notFound(req.params.userId, 'AppUser');
        return { status: 200, body: renderAppUser(org, app.id, appUser, req.baseUrl, req.query.get('expand') === 'user') };
      },
    },
    { method: 'DELETE', pattern: '/api/v1/apps/:appId/users/:userId', handle: (req) => unassignUser(org, req) },
  ];
}
