import { oktaErrors } from '../core/okta-error-bodies';
import { timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';
import { defaultTypeId } from './user-store';

const REQUIRED_PROFILE = ['login', 'email', 'firstName', 'lastName'];
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PASSWORD_RULES = 'Password requirements: at least 8 characters, a number, no parts of your username.';
const PASSWORD_HISTORY = 4;

/** Password values never live in the Okta JSON: they are kept here, per org and user id, newest first. */
const passwordHistories = new WeakMap<SandboxOrg, Map<string, string[]>>();

function historyOf(org: SandboxOrg, userId: string): string[] {
  let byUser = passwordHistories.get(org);
  if (!byUser) passwordHistories.set(org, (byUser = new Map()));
  return byUser.get(userId) ?? [];
}

export function forgetPasswords(org: SandboxOrg, userId: string): void {
  passwordHistories.get(org)?.delete(userId);
}

const fail = (field: string, message: string) => oktaErrors.validation(field, [`${field}: ${message}`]);

/** Okta's default-schema checks on a complete profile: required base attributes, email-shaped login and email. */
export function validateProfile(profile: unknown): asserts profile is OktaObject {
  if (!profile || typeof profile !== 'object' || Array.isArray(profile)) throw fail('profile', 'The field cannot be left blank');
  const p = profile as OktaObject;
  const missing = REQUIRED_PROFILE.filter((name) => p[name] === undefined || p[name] === null || String(p[name]).trim() === '');
  if (missing.length > 0) throw oktaErrors.validation(missing[0], missing.map((name) => `${name}: The field cannot be left blank`));
  if (typeof p.login !== 'string' || !EMAIL_SHAPE.test(p.login)) throw fail('login', 'Username must be in the form of an email address');
  if (typeof p.email !== 'string' || !EMAIL_SHAPE.test(p.email)) throw fail('email', 'Does not match required pattern');
}

/** Logins are unique ignoring case; `exceptId` is the user being updated. */
export function assertLoginFree(org: SandboxOrg, login: string, exceptId?: string): void {
  const wanted = login.toLowerCase();
  for (const user of org.users.values()) {
    if (user.id !== exceptId && String(user.profile?.login).toLowerCase() === wanted) {
      throw fail('login', 'An object with this field already exists in the current organization');
    }
  }
}

/** The user type a create or PUT asks for: it must exist when the org has types; the default otherwise. */
export function resolveType(org: SandboxOrg, type: unknown): { id: string } {
  const id = (type as OktaObject | undefined)?.id;
  if (id === undefined) return { id: defaultTypeId(org) };
  if (typeof id !== 'string' || (org.userTypes.size > 0 && !org.userTypes.has(id))) throw fail('type', `Invalid user type id: ${String(id)}`);
  return { id };
}

function checkPassword(value: unknown, login: string, strict: boolean, history: string[]): string {
  if (typeof value !== 'string') throw fail('password', 'The field cannot be left blank');
  const localPart = login.split('@')[0].toLowerCase();
  const weak = value.length < 8 || !/\d/.test(value) || (localPart.length >= 3 && value.toLowerCase().includes(localPart));
  if (weak) throw fail('password', `Password requirements were not met. ${PASSWORD_RULES}`);
  if (strict && history.includes(value)) {
    throw fail('password', `Password requirements were not met. ${PASSWORD_RULES} Your password cannot be any of your last ${PASSWORD_HISTORY} passwords.`);
  }
  return value;
}

/**
 * Applies a write's `credentials` (password value, recovery question) to the stored user, which only keeps
 * what Okta shows: `password: {}` and the question text. Answers are not kept: nothing reads them back.
 */
export function applyCredentials(org: SandboxOrg, user: OktaObject, credentials: unknown, strict = false): { passwordSet: boolean } {
  if (credentials === undefined || credentials === null) return { passwordSet: false };
  if (typeof credentials !== 'object') throw fail('credentials', 'Invalid credentials');
  const { password, recovery_question: question } = credentials as OktaObject;
  const stored: OktaObject = { ...user.credentials };
  const isFederated = ['FEDERATION', 'SOCIAL'].includes(stored.provider?.type);
  if (isFederated && (password !== undefined || question !== undefined)) {
    throw fail('credentials', `Users of a ${stored.provider.type} provider cannot have a password or recovery question`);
  }
  let passwordSet = false;
  if (password !== undefined && password !== null && (password as OktaObject).value === undefined && ((password as OktaObject).hash || (password as OktaObject).hook)) {
    // An imported hash or a password hook: nothing to check against the policy here.
    stored.password = {};
    user.passwordChanged = timestamp();
    passwordSet = true;
  } else if (password !== undefined && password !== null) {
    const history = historyOf(org, user.id);
    const value = checkPassword((password as OktaObject).value, String(user.profile.login), strict, history);
    passwordHistories.get(org)!.set(user.id, [value, ...history].slice(0, PASSWORD_HISTORY));
    stored.password = {};
    user.passwordChanged = timestamp();
    passwordSet = true;
  }
  if (question !== undefined && question !== null) {
    const { question: text, answer } = question as OktaObject;
    if (typeof text !== 'string' || text.trim() === '') throw fail('recovery_question', 'The security question cannot be left blank');
    if (typeof answer !== 'string' || answer.trim().length < 4) throw fail('answer', 'The security question answer must be at least 4 characters in length');
    stored.recovery_question = { question: text };
  }
  user.credentials = stored;
  return { passwordSet };
}
