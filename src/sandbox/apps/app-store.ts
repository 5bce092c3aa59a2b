import { oktaErrors } from '../core/okta-error-bodies';
import { OktaObject, SandboxOrg } from '../core/org';

/** The app, or Okta's 404 E0000007 (`AppInstance` is Okta's resource name for an app in that message). */
export function requireApp(org: SandboxOrg, appId: string): OktaObject {
  const app = org.apps.get(appId);
  if (!app) throw oktaErrors.notFound(appId, 'AppInstance');
  return app;
}

/** The user by id only: the app assignment endpoints take "ID of an existing Okta user" (spec `pathAppUserId`). */
export function requireUserById(org: SandboxOrg, userId: string): OktaObject {
  const user = org.users.get(userId);
  if (!user) throw oktaErrors.notFound(userId, 'User');
  return user;
}

/** The link a user's dashboard shows for an app (`/home/{appName}/{appId}/{linkId}`). */
export const dashboardUrl = (app: OktaObject, baseUrl: string) => `${baseUrl}/home/${app.name}/${app.id}/${app.dashboardLink.id}`;
export const logoUrl = (baseUrl: string) => `${baseUrl}/assets/img/logos/default.6770228fb0dab49a1695ef440a5279bb.png`;

/**
 * An app as Okta answers it: the stored instance (less the sandbox's own `dashboardLink`) plus `_links`,
 * shaped like the spec's `AppResponseBaseEx`.
 */
export function renderApp(app: OktaObject, baseUrl: string): OktaObject {
  const { dashboardLink, ...stored } = structuredClone(app);
  const api = `${baseUrl}/api/v1/apps/${app.id}`;
  const lifecycle = app.status === 'ACTIVE' ? { deactivate: { href: `${api}/lifecycle/deactivate` } } : { activate: { href: `${api}/lifecycle/activate` } };
  return {
    ...stored,
    _links: {
      appLinks: [{ name: dashboardLink.name, href: dashboardUrl(app, baseUrl), type: 'text/html' }],
      groups: { href: `${api}/groups` },
      logo: [{ name: 'medium', href: logoUrl(baseUrl), type: 'image/png' }],
      users: { href: `${api}/users` },
      ...lifecycle,
    },
  };
}

/** Vaulted sign-on modes: Okta stores a username and password per user, as the app's `credentials.scheme` allows. */
export const VAULTED_MODES = new Set(['AUTO_LOGIN', 'BASIC_AUTH', 'BROWSER_PLUGIN', 'SECURE_PASSWORD_STORE']);
