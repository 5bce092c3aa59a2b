import { createHash, randomBytes } from 'node:crypto';
import { AUTO_ACTIVATABLE, catalogFactor, CatalogFactor, DELIVERY_LIMITS, E164, FACTOR_PROVIDERS, normalizePhone, PUSH_ACTIVATION_MS, questionText } from './supported-factors';
import { assertDeliveryAllowed, factorSecrets } from './factor-state';
import { oktaErrors, SandboxError } from '../core/okta-error-bodies';
import { newId, timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';
import { newBase32Secret } from './totp';

export interface EnrollOptions {
  /** `activate=true`: sms, call and email become ACTIVE without a code being sent. */
  activate: boolean;
  /** `updatePhone=true`: a pending phone factor takes the new number. */
  updatePhone: boolean;
  now: number;
}

const enrollError = (cause: string) => oktaErrors.validation('factorEnrollRequest', [cause]);
const alreadySetUp = () => enrollError('A factor of this type is already set up.');
const invalidPhone = () => new SandboxError(400, 'E0000098', 'This phone number is invalid.');

export const factorsOf = (org: SandboxOrg, userId: string): Map<string, OktaObject> => {
  let factors = org.factors.get(userId);
  if (!factors) org.factors.set(userId, (factors = new Map()));
  return factors;
};

/** Stores a new factor (Okta JSON without `_links`). */
export function storeFactor(org: SandboxOrg, userId: string, kind: CatalogFactor, status: string, profile: OktaObject, now: number): OktaObject {
  const created = timestamp(new Date(now));
  const factor: OktaObject = {
    id: newId(kind.idPrefix),
    factorType: kind.factorType,
    provider: kind.provider,
    vendorName: kind.provider,
    status,
    created,
    lastUpdated: created,
    profile,
  };
  factorsOf(org, userId).set(factor.id, factor);
  return factor;
}

export function logDelivery(org: SandboxOrg, user: OktaObject, factor: OktaObject, now: number): void {
  factorSecrets(org, factor.id).lastSentAt = now;
  const [eventType, message] =
    factor.factorType === 'sms'
      ? ['system.sms.send_phone_verification_message', 'Send phone verification SMS message']
      : factor.factorType === 'call'
        ? ['system.voice.send_phone_verification_call', 'Send phone verification call']
        : ['system.email.send_factor_verify_message', 'Send factor verify email message'];
  org.log(eventType, message, [userTarget(user), { id: factor.id, type: 'Factor', displayName: factor.factorType }]);
}

export const userTarget = (user: OktaObject) => ({
  id: user.id as string,
  type: 'User',
  alternateId: user.profile?.login as string,
  displayName: `${user.profile?.firstName ?? ''} ${user.profile?.lastName ?? ''}`.trim(),
});

function bodyProfile(body: OktaObject): OktaObject {
  const profile = body.profile;
  if (profile === undefined || profile === null) return {};
  if (typeof profile !== 'object' || Array.isArray(profile)) throw enrollError('profile: The profile must be an object');
  return profile as OktaObject;
}

/** The phone to enroll: the one sent (made E.164), else the user's registered one. */
function phoneFor(user: OktaObject, body: OktaObject, existing: OktaObject | undefined): string {
  const sent = bodyProfile(body).phoneNumber;
  if (sent !== undefined && typeof sent !== 'string') throw invalidPhone();
  const phone = sent ?? existing?.profile?.phoneNumber ?? user.profile?.mobilePhone;
  if (typeof phone !== 'string' || phone.trim() === '') throw enrollError('phoneNumber: The field cannot be left blank');
  const normalized = normalizePhone(phone);
  if (!E164.test(normalized)) throw invalidPhone();
  return normalized;
}

/**
 * Enrolls a factor, or for a phone already enrolled and pending, sends its code again (and takes the new number
 * with `updatePhone`). A delivered SMS, call or email starts the factor's resend window.
 */
export function enrollFactor(org: SandboxOrg, user: OktaObject, body: unknown, options: EnrollOptions): OktaObject {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw enrollError('factorType: The field cannot be left blank');
  const request = body as OktaObject;
  if (typeof request.factorType !== 'string' || request.factorType === '') throw enrollError('factorType: The field cannot be left blank');
  if (typeof request.provider !== 'string' || request.provider === '') throw enrollError('provider: The field cannot be left blank');
  const kind = catalogFactor(request.factorType, request.provider);
  // okta/okta-sdk-nodejs test/it/factor-create.ts: an unknown provider is "Invalid Provider.", a factor outside the policy "Factor not enabled.".
  if (!kind) throw enrollError(FACTOR_PROVIDERS.has(request.provider) ? 'Factor not enabled.' : 'Invalid Provider.');
  if (!kind.enrollable) throw enrollError(`factorType: ${kind.factorType} factors are enrolled on a device (Okta Verify), not through this API`);

  const factors = factorsOf(org, user.id);
  const existing = [...factors.values()].find((f) => f.factorType === kind.factorType && f.provider === kind.provider);
  const now = options.now;

  if (kind.factorType === 'sms' || kind.factorType === 'call') {
    const phoneNumber = phoneFor(user, request, existing);
    const extension = bodyProfile(request).phoneExtension;
    if (extension !== undefined && extension !== null && (typeof extension !== 'string' || extension.length > 15)) {
      throw enrollError('phoneExtension: The extension must be a string of at most 15 characters');
    }
    if (existing) return reenrollPhone(org, user, existing, phoneNumber, options);
    const profile: OktaObject = { phoneNumber, ...(kind.factorType === 'call' && extension ? { phoneExtension: extension } : {}) };
    return finish(org, user, storeFactor(org, user.id, kind, initialStatus(kind, options), profile, now), now);
  }
  if (existing) throw alreadySetUp();

  if (kind.factorType === 'email') {
    const email = bodyProfile(request).email;
    const own = [user.profile?.email, user.profile?.secondEmail].filter((e): e is string => typeof e === 'string').map((e) => e.toLowerCase());
    if (typeof email !== 'string' || !own.includes(email.toLowerCase())) {
      throw oktaErrors.validation('Only verified primary or secondary email can be enrolled.', []);
    }
    return finish(org, user, storeFactor(org, user.id, kind, initialStatus(kind, options), { email }, now), now);
  }
  if (kind.factorType === 'question') {
    const { question, answer } = bodyProfile(request);
    const text = typeof question === 'string' ? questionText(question) : undefined;
    if (!text) throw enrollError('question: The security question is not valid');
    if (typeof answer !== 'string' || answer.trim().length < 4) throw enrollError('answer: The security question answer must be at least 4 characters in length');
    // The answer is write-only: Okta never returns it; verify compares against its hash.
    const factor = storeFactor(org, user.id, kind, 'ACTIVE', { question, questionText: text }, now);
    factorSecrets(org, factor.id).answerHash = answerHash(answer);
    return finish(org, user, factor, now);
  }
  if (kind.factorType === 'push') {
    // Pending until Okta Verify scans the QR code; the sandbox's stand-in device does it on `lifecycle/activate`.
    const factor = storeFactor(org, user.id, kind, 'PENDING_ACTIVATION', {}, now);
    factorSecrets(org, factor.id).pushActivation = { expiresAt: now + PUSH_ACTIVATION_MS, qrToken: randomBytes(24).toString('base64url') };
    return finish(org, user, factor, now);
  }
  // token:software:totp (OKTA or GOOGLE): pending until a code from the authenticator (or the sandbox pass code) is posted.
  const factor = storeFactor(org, user.id, kind, 'PENDING_ACTIVATION', { credentialId: user.profile?.login }, now);
  factorSecrets(org, factor.id).activation = {
    timeStep: 30,
    sharedSecret: newBase32Secret(),
    encoding: 'base32',
    keyLength: 6,
    qrToken: randomBytes(24).toString('base64url'),
  };
  return finish(org, user, factor, now);
}

/** Answers are compared as typed, ignoring case and surrounding spaces (Okta does not document its comparison). */
export const answerHash = (answer: string): string => createHash('sha256').update(answer.trim().toLowerCase()).digest('hex');

const initialStatus = (kind: CatalogFactor, options: EnrollOptions) => (options.activate && AUTO_ACTIVATABLE.has(kind.factorType) ? 'ACTIVE' : 'PENDING_ACTIVATION');

function finish(org: SandboxOrg, user: OktaObject, factor: OktaObject, now: number): OktaObject {
  org.log('user.mfa.factor.update', 'Enroll factor for user', [userTarget(user), { id: factor.id, type: 'Factor', displayName: factor.factorType }]);
  if (factor.status === 'ACTIVE') {
    org.log('user.mfa.factor.activate', 'Activate factor for user', [userTarget(user), { id: factor.id, type: 'Factor', displayName: factor.factorType }]);
  } else if (DELIVERY_LIMITS[factor.factorType]) {
    logDelivery(org, user, factor, now);
  }
  return factor;
}

/** One phone per factor type: the same number re-sends the code, another one needs `updatePhone` on a pending factor. */
function reenrollPhone(org: SandboxOrg, user: OktaObject, existing: OktaObject, phoneNumber: string, options: EnrollOptions): OktaObject {
  const samePhone = existing.profile?.phoneNumber === phoneNumber;
  if (existing.status !== 'PENDING_ACTIVATION') {
    throw samePhone || existing.factorType === 'call' ? alreadySetUp() : enrollError('There is an existing verified phone number.');
  }
  if (!samePhone) {
    if (!options.updatePhone) {
      throw existing.factorType === 'sms' ? enrollError('There is an existing verified phone number.') : alreadySetUp();
    }
    existing.profile = { ...existing.profile, phoneNumber };
    existing.lastUpdated = timestamp(new Date(options.now));
  }
  if (options.activate) {
    existing.status = 'ACTIVE';
    existing.lastUpdated = timestamp(new Date(options.now));
    org.log('user.mfa.factor.activate', 'Activate factor for user', [userTarget(user), { id: existing.id, type: 'Factor', displayName: existing.factorType }]);
    return existing;
  }
  assertDeliveryAllowed(factorSecrets(org, existing.id), existing.factorType, options.now);
  logDelivery(org, user, existing, options.now);
  return existing;
}
