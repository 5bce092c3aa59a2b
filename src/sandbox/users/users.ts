import { newId, timestamp } from '../core/ids';
import { oktaErrors, SandboxError } from '../core/okta-error-bodies';
import { OktaObject, SandboxOrg } from '../core/org';
import { pageOf } from '../core/paging';
import { Predicate } from '../core/scim-expression';
import { Route, SandboxRequest, SandboxResponse } from '../core/route-types';
import { activateUser, deactivateUser, flag, userLifecycleRoutes } from './user-lifecycle';
import { setStatus } from './user-status';
import { etagOf, renderUser, requireUpdatableUser, requireUser, userTarget } from './user-store';
import { userFilterPredicate, userSearchPredicate } from './user-list-expressions';
import { addToGroups, assertGroupsExist, removeFromAllGroups } from './user-groups';
import { assertProfileFitsSchema, profileObject } from './profile-rules';
import { applyCredentials, assertLoginFree, forgetPasswords, resolveType } from './user-validation';

export { seedUsers } from './user-seed';

const LIST_LIMITS = { defaultLimit: 200, maxLimit: 200 };
/** `q` answers at most `limit` users (10 by default) and cannot be paged. */
const Q_LIMIT = 10;

function bodyObject(req: SandboxRequest): OktaObject {
  const body = req.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw oktaErrors.validation('profile', ['profile: The field cannot be left blank']);
  return body as OktaObject;
}

function createUser(org: SandboxOrg, req: SandboxRequest): SandboxResponse {
  const body = bodyObject(req);
  const activate = flag(req, 'activate', true);
  const provider = flag(req, 'provider', false);
  const nextLogin = req.query.get('nextLogin');
  const password = body.credentials?.password;
  if (nextLogin !== null) {
    if (nextLogin !== 'changePassword') throw oktaErrors.validation('nextLogin', [`nextLogin: Invalid value ${nextLogin}`]);
    if (!password) throw new SandboxError(400, 'E0000124', 'Could not create user. To create a user and expire their password immediately, a password must be specified');
    if (!activate) throw new SandboxError(400, 'E0000125', 'Could not create user. To create a user and expire their password immediately, "activate" must be true');
  }
  const type = resolveType(org, body.type);
  assertProfileFitsSchema(org, { profile: profileObject(body.profile), typeId: type.id });
  assertLoginFree(org, body.profile.login);
  const groupIds = assertGroupsExist(org, body.groupIds);
  const credentialProvider = provider ? body.credentials?.provider : { type: 'OKTA', name: 'OKTA' };
  if (!credentialProvider?.type || !['FEDERATION', 'SOCIAL', 'OKTA'].includes(credentialProvider.type)) {
    throw oktaErrors.validation('credentials', ['provider: A FEDERATION or SOCIAL provider is required when provider=true']);
  }

  const now = timestamp();
  const user: OktaObject = {
    id: newId('00u'),
    status: 'STAGED',
    created: now,
    activated: null,
    statusChanged: null,
    lastLogin: null,
    lastUpdated: now,
    passwordChanged: null,
    type,
    profile: { ...body.profile },
    credentials: { provider: { type: credentialProvider.type, name: credentialProvider.name ?? credentialProvider.type } },
  };
  const { credentials } = body;
  applyCredentials(org, user, credentials === undefined ? undefined : { password: credentials.password, recovery_question: credentials.recovery_question });
  org.users.set(user.id, user);
  org.log('user.lifecycle.create', 'Create Okta user', [userTarget(user)]);
  addToGroups(org, user, groupIds);
  if (activate) activateUser(org, user);
  if (nextLogin) setStatus(user, 'PASSWORD_EXPIRED');
  return { status: 200, body: renderUser(org, user, req.baseUrl) };
}

function sorter(req: SandboxRequest): ((a: OktaObject, b: OktaObject) => number) | undefined {
  const sortBy = req.query.get('sortBy');
  if (!sortBy) return undefined;
  const direction = req.query.get('sortOrder')?.toLowerCase() === 'desc' ? -1 : 1;
  const valueOf = (user: OktaObject) => String(sortBy.split('.').reduce<unknown>((node, key) => (node as OktaObject | undefined)?.[key], user) ?? '').toLowerCase();
  return (a, b) => direction * valueOf(a).localeCompare(valueOf(b));
}

/** `q`: starts-with on first name, last name or email, without DEPROVISIONED users and without paging. */
function quickFind(term: string): Predicate {
  const wanted = term.toLowerCase();
  return (user) => {
    const profile = (user as OktaObject).profile ?? {};
    return user.status !== 'DEPROVISIONED' && [profile.firstName, profile.lastName, profile.email].some((v) => typeof v === 'string' && v.toLowerCase().startsWith(wanted));
  };
}

function listUsers(org: SandboxOrg, req: SandboxRequest): SandboxResponse {
  const search = req.query.get('search');
  const filter = req.query.get('filter');
  const q = req.query.get('q');
  const predicates: Predicate[] = [];
  if (search) predicates.push(userSearchPredicate(search));
  if (filter) predicates.push(userFilterPredicate(filter));
  if (q) predicates.push(quickFind(q));
  // The plain list (like q) leaves out DEPROVISIONED users; search and filter include them.
  if (!search && !filter) predicates.push((user) => user.status !== 'DEPROVISIONED');
  const matches = [...org.users.values()].filter((user) => predicates.every((p) => p(user)));
  const order = search ? sorter(req) : undefined;
  if (order) matches.sort(order);
  const items = matches.map((user) => renderUser(org, user, req.baseUrl));
  if (q && !search && !filter) {
    const requested = Number(req.query.get('limit') ?? Q_LIMIT);
    const limit = Number.isInteger(requested) && requested > 0 ? Math.min(requested, LIST_LIMITS.maxLimit) : Q_LIMIT;
    return { status: 200, body: items.slice(0, limit), headers: { Link: `<${req.baseUrl}${req.url.pathname}?${req.query.toString()}>; rel="self"` } };
  }
  return pageOf(req, items, (u) => u.id, LIST_LIMITS);
}

function getUser(org: SandboxOrg, req: SandboxRequest): SandboxResponse {
  const user = requireUser(org, req.params.id);
  const body = renderUser(org, user, req.baseUrl, true);
  if (req.query.get('expand')?.split(',').includes('blocks')) body._embedded = { blocks: [] };
  return { status: 200, body, headers: { ETag: etagOf(user) } };
}

function assertIfMatch(req: SandboxRequest, user: OktaObject): void {
  const wanted = req.headers['if-match'];
  if (!wanted || wanted === '*') return;
  const current = etagOf(user);
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  if (!wanted.split(',').some((tag) => bare(tag) === bare(current))) {
    throw new SandboxError(412, 'E0000001', 'Api validation failed: If-Match', ['If-Match: The user was changed since the given ETag was issued; read it again']);
  }
}

/** POST (partial: sent profile attributes change, `null` clears one) and PUT (full replace of the profile). */
function updateUser(org: SandboxOrg, req: SandboxRequest, replace: boolean): SandboxResponse {
  const user = requireUpdatableUser(org, req.params.id);
  assertIfMatch(req, user);
  const body = req.body && typeof req.body === 'object' ? (req.body as OktaObject) : {};
  const draft: OktaObject = structuredClone(user);
  const changes: string[] = [];

  if (body.type !== undefined) {
    const type = resolveType(org, body.type);
    if (!replace && type.id !== user.type?.id) {
      throw oktaErrors.validation('type', ['type: The user type can only be changed with a full replace (PUT)']);
    }
    if (type.id !== user.type?.id) changes.push('type');
    draft.type = type;
  }
  if (replace || body.profile !== undefined || changes.includes('type')) {
    const sent = body.profile === undefined && !replace ? {} : profileObject(body.profile);
    const profile: OktaObject = replace ? {} : { ...draft.profile };
    for (const [name, value] of Object.entries(sent)) {
      if (value === null) delete profile[name];
      else profile[name] = value;
    }
    assertProfileFitsSchema(org, { profile, typeId: draft.type?.id, previous: user.profile, userId: user.id });
    assertLoginFree(org, profile.login, user.id);
    draft.profile = profile;
    changes.push('profile');
  }
  const { passwordSet } = applyCredentials(org, draft, body.credentials, flag(req, 'strict', false));
  const now = timestamp();
  // An admin-set password ends a pending expiry, and completes a PROVISIONED user's activation (docs/OKTA-NOTES.md#user-status).
  if (passwordSet && (draft.status === 'PASSWORD_EXPIRED' || draft.status === 'PROVISIONED')) setStatus(draft, 'ACTIVE', now);
  draft.lastUpdated = now;

  for (const key of Object.keys(user)) delete user[key];
  Object.assign(user, draft);
  if (changes.length > 0) org.log('user.account.update_profile', 'Update user profile for Okta', [userTarget(user)]);
  if (passwordSet) org.log('user.account.update_password', 'Update password for user', [userTarget(user)]);
  return { status: 200, body: renderUser(org, user, req.baseUrl), headers: { ETag: etagOf(user) } };
}

/** The first DELETE of a user who is not DEPROVISIONED only deactivates; the next one deletes. */
function deleteUser(org: SandboxOrg, req: SandboxRequest): SandboxResponse {
  const user = requireUser(org, req.params.id);
  if (user.status !== 'DEPROVISIONED') {
    deactivateUser(org, user);
    return { status: 204 };
  }
  org.log('user.lifecycle.delete.initiated', 'Delete Okta user', [userTarget(user)]);
  removeFromAllGroups(org, user);
  org.factors.delete(user.id);
  forgetPasswords(org, user.id);
  org.users.delete(user.id);
  return { status: 204 };
}

/** The Users API: CRUD, search/filter/q listing, and the lifecycle actions. */
export function usersRoutes(org: SandboxOrg): Route[] {
  return [
    { method: 'GET', pattern: '/api/v1/users', handle: (req) => listUsers(org, req) },
    { method: 'POST', pattern: '/api/v1/users', handle: (req) => createUser(org, req) },
    { method: 'GET', pattern: '/api/v1/users/:id', handle: (req) => getUser(org, req) },
    { method: 'POST', pattern: '/api/v1/users/:id', handle: (req) => updateUser(org, req, false) },
    { method: 'PUT', pattern: '/api/v1/users/:id', handle: (req) => updateUser(org, req, true) },
    { method: 'DELETE', pattern: '/api/v1/users/:id', handle: (req) => deleteUser(org, req) },
    ...userLifecycleRoutes(org),
  ];
}
