import { oktaErrors } from '../core/okta-error-bodies';
import { timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';
import { defaultTypeId } from './user-store';

const PASSWORD_RULES = 'Password requirements: at least 8 characters, a number, no parts of your username.';
const PASSWORD_HISTORY = 4;

/** The password of every user who has one but never had it set through the API (the seeded demo users). */
export const SANDBOX_PASSWORD = 'Sandbox-Demo-Pass-1';

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

/** `password: {}` is how Okta shows a password that is set; sent back unchanged (read-modify-write), Okta ignores it. */
const isEcho = (password: unknown) => password !== null && typeof password === 'object' && Object.keys(password as OktaObject).length === 0;

/** The stored recovery question sent back without an answer (as a GET shows it) is also left alone. */
const isQuestionEcho = (question: OktaObject, stored: OktaObject | undefined) => question.answer === undefined && stored?.question !== undefined && question.question === stored.question;

/**
 * Applies a write's `credentials` (password value, recovery question) to the stored user, which only keeps
 * what Okta shows: `password: {}` and the question text. Answers are not kept: nothing reads them back.
 * `provider` and `emails` are read-only here (a GET's credentials can be posted back as they are).
 */
export function applyCredentials(org: SandboxOrg, user: OktaObject, credentials: unknown, strict = false): { passwordSet: boolean } {
  if (credentials === undefined || credentials === null) return { passwordSet: false };
  if (typeof credentials !== 'object') throw fail('credentials', 'Invalid credentials');
  const { password: sentPassword, recovery_question: sentQuestion } = credentials as OktaObject;
  const stored: OktaObject = { ...user.credentials };
  const password = isEcho(sentPassword) ? undefined : sentPassword;
  const question = sentQuestion && typeof sentQuestion === 'object' && isQuestionEcho(sentQuestion, stored.recovery_question) ? undefined : sentQuestion;
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
    setPasswordValue(org, user, (password as OktaObject).value, strict);
    stored.password = {};
    passwordSet = true;
  }
  if (question !== undefined && question !== null) stored.recovery_question = checkedQuestion(question);
  user.credentials = stored;
  return { passwordSet };
}

/** Checks a new password value against the policy (and, with `strict`, the history) and records it. */
export function setPasswordValue(org: SandboxOrg, user: OktaObject, value: unknown, strict: boolean): void {
  const history = historyOf(org, user.id);
  const checked = checkPassword(value, String(user.profile.login), strict, history);
  passwordHistories.get(org)!.set(user.id, [checked, ...history].slice(0, PASSWORD_HISTORY));
  user.passwordChanged = timestamp();
}

/** True when `value` is the user's current password (the change-password flow proves it). */
export function isCurrentPassword(org: SandboxOrg, user: OktaObject, value: unknown): boolean {
  const current = historyOf(org, user.id)[0] ?? (user.credentials?.password ? SANDBOX_PASSWORD : undefined);
  return typeof value === 'string' && value === current;
}

/** A recovery question as Okta stores it: the text, once the answer is long enough (the answer is write-only). */
export function checkedQuestion(question: unknown): { question: string } {
  const { question: text, answer } = (question ?? {}) as OktaObject;
  if (typeof text !== 'string' || text.trim() === '') throw fail('recovery_question', 'The security question cannot be left blank');
  if (typeof answer !== 'string' || answer.trim().length < 4) throw fail('answer', 'The security question answer must be at least 4 characters in length');
  return { question: text };
}
