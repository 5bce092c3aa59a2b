import { newId, timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => timestamp(new Date(Date.now() - days * DAY));
const USERNAME_FROM_LOGIN = { template: '${source.login}', type: 'BUILT_IN' };
const VISIBLE = { autoSubmitToolbar: false, hide: { iOS: false, web: false } };

function app(name: string, label: string, signOnMode: string, fields: OktaObject, status = 'ACTIVE', age = 200): OktaObject {
  const at = daysAgo(age);
  return {
    id: newId('0oa'),
    name,
    label,
    status,
    created: at,
    lastUpdated: at,
    accessibility: { selfService: false, errorRedirectUrl: null, loginRedirectUrl: null },
    visibility: { ...VISIBLE, appLinks: { [`${name}_link`]: true } },
    features: [],
    signOnMode,
    ...fields,
    dashboardLink: { name: `${name}_link`, id: newId('aln') },
  };
}

/**
 * The demo org's app catalogue, one app per common sign-on mode: a bookmark, a SWA app whose users keep their
 * own username and password, a SAML app, an OIDC web app, and an inactive Basic Auth app. No assignments are
 * seeded: they depend on the org's people, which other modules own.
 */
export function seedApps(org: SandboxOrg): void {
  const apps = [
    app('bookmark', 'Company Handbook', 'BOOKMARK', {
      credentials: { userNameTemplate: USERNAME_FROM_LOGIN, signing: {} },
      settings: { app: { requestIntegration: false, url: 'https://handbook.example.com/' } },
    }),
    app('acme_expenses_1', 'Expenses', 'AUTO_LOGIN', {
      credentials: { scheme: 'EDIT_USERNAME_AND_PASSWORD', userNameTemplate: USERNAME_FROM_LOGIN, revealPassword: true, signing: {} },
      settings: { signOn: { loginUrl: 'https://expenses.example.com/login', redirectUrl: null } },
    }),
    app('acme_wiki_1', 'Wiki', 'SAML_2_0', {
      credentials: { userNameTemplate: USERNAME_FROM_LOGIN, signing: { kid: 'SIMcCQNY3uwXoW3y0vf6VxiBb5n9pf8L2fK8d-F1bm4' } },
      settings: {
        signOn: {
          ssoAcsUrl: 'https://wiki.example.com/saml/acs',
          audience: 'https://wiki.example.com/saml/metadata',
          recipient: 'https://wiki.example.com/saml/acs',
          destination: 'https://wiki.example.com/saml/acs',
          subjectNameIdTemplate: '${user.userName}',
          subjectNameIdFormat: 'urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress',
          responseSigned: true,
          assertionSigned: true,
          signatureAlgorithm: 'RSA_SHA256',
          digestAlgorithm: 'SHA256',
          authnContextClassRef: 'urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport',
        },
      },
    }),
    app('oidc_client', 'Internal Dashboard', 'OPENID_CONNECT', {
      credentials: { userNameTemplate: USERNAME_FROM_LOGIN, signing: { kid: 'dcf0vTTGZwzJ38KPhCKqD_8VkpdVEoTPZZcpwthHHuA' }, oauthClient: { autoKeyRotation: true, client_id: newId('0oa'), token_endpoint_auth_method: 'client_secret_basic' } },
      settings: {
        oauthClient: {
          application_type: 'web',
          redirect_uris: ['https://dashboard.example.com/callback'],
          response_types: ['code'],
          grant_types: ['authorization_code'],
          consent_method: 'REQUIRED',
        },
      },
    }),
    app(
      'template_basic_auth',
      'Legacy Reports',
      'BASIC_AUTH',
      {
        credentials: { scheme: 'EDIT_USERNAME_AND_PASSWORD', userNameTemplate: USERNAME_FROM_LOGIN, signing: {} },
        settings: { app: { url: 'https://reports.example.com/', authURL: 'https://reports.example.com/login' } },
      },
      'INACTIVE',
      700,
    ),
  ];
  for (const seeded of apps) {
    org.apps.set(seeded.id, seeded);
    org.appUsers.set(seeded.id, new Map());
    org.appGroups.set(seeded.id, new Map());
  }
}
