import { DELIVERY_LIMITS, SECURITY_QUESTIONS, catalogFactor } from './supported-factors';
import { answerHash, enrollFactor, factorsOf, logDelivery, storeFactor, userTarget } from './factor-enroll';
import { renderCatalog, renderFactor } from './factor-links';
import { assertActivationAttemptsLeft, assertDeliveryAllowed, factorSecrets, forgetFactorSecrets } from './factor-state';
import { oktaErrors, SandboxError } from '../core/okta-error-bodies';
import { timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';
import { factorOf, userOf } from './factor-lookup';
import { factorVerifyRoutes } from './factor-verify';
import { totpMatches } from './totp';
import { Route, SandboxRequest } from '../core/route-types';

/**
 * The one-time code every sandbox factor accepts (the sandbox sends no SMS, call or email). A TOTP factor
 * also accepts the current code of an authenticator app set up with its `sharedSecret`.
 */
export const SANDBOX_PASS_CODE = '123456';

export interface FactorRouteOptions {
  /** The clock (ms since epoch) for the resend and activation windows; tests move it. */
  now?: () => number;
}

const BASE = '/api/v1/users/:userId/factors';

const notDeprovisioned = (user: OktaObject) => {
  if (user.status === 'DEPROVISIONED') throw oktaErrors.wrongStatus();
};

const notPending = (factor: OktaObject) =>
  oktaErrors.validation('factor', [`status: The factor is ${factor.status}; only a factor in PENDING_ACTIVATION status can do this`]);

const truthy = (value: string | null) => value === 'true';

function markActive(org: SandboxOrg, user: OktaObject, factor: OktaObject, at: number): void {
  factor.status = 'ACTIVE';
  factor.lastUpdated = timestamp(new Date(at));
  // Delivery and activation state ends with the activation; the answer hash and the TOTP seed stay for verify.
  const { answerHash, activation } = factorSecrets(org, factor.id);
  forgetFactorSecrets(org, factor.id);
  Object.assign(factorSecrets(org, factor.id), { answerHash, totpSecret: activation?.sharedSecret });
  org.log('user.mfa.factor.activate', 'Activate factor for user', [userTarget(user), { id: factor.id, type: 'Factor', displayName: factor.factorType }]);
}

/**
 * A push factor becomes ACTIVE once Okta Verify has scanned the QR code (spec `activateFactor`, example
 * ActivateFactorPushResponse). The sandbox has no phone: posting `lifecycle/activate` before `expiresAt` stands for
 * the scan, and adds the device to the profile as Okta's example shows. After `expiresAt` the factor stays pending
 * with `factorResult: TIMEOUT` (spec `UserFactorActivateRequest` push: "return a TIMEOUT if not completed").
 */
function activatePush(org: SandboxOrg, user: OktaObject, factor: OktaObject, at: number, render: () => OktaObject) {
  const pending = factorSecrets(org, factor.id).pushActivation;
  if (!pending || pending.expiresAt <= at) return { status: 200, body: render() };
  factor.profile = { credentialId: user.profile?.login, deviceType: 'SmartPhone_Sandbox', name: 'Sandbox phone', platform: 'SANDBOX', version: '9.0' };
  markActive(org, user, factor, at);
  return { status: 200, body: render() };
}

export function factorsRoutes(org: SandboxOrg, options: FactorRouteOptions = {}): Route[] {
  const now = options.now ?? Date.now;
  const render = (req: SandboxRequest, user: OktaObject, factor: OktaObject) => renderFactor(req.baseUrl, user.id, factor, factorSecrets(org, factor.id));

  return [
    {
      method: 'GET',
      pattern: BASE,
      handle: (req) => {
        const user = userOf(org, req);
        return { status: 200, body: [...factorsOf(org, user.id).values()].map((f) => render(req, user, f)) };
      },
    },
    {
      method: 'GET',
      pattern: `${BASE}/catalog`,
      handle: (req) => {
        const user = userOf(org, req);
        return { status: 200, body: renderCatalog(req.baseUrl, user, [...factorsOf(org, user.id).values()]) };
      },
    },
    {
      method: 'GET',
      pattern: `${BASE}/questions`,
      handle: (req) => {
        userOf(org, req);
        return { status: 200, body: SECURITY_QUESTIONS.map((q) => ({ ...q })) };
      },
    },
    {
      method: 'POST',
      pattern: BASE,
      handle: (req) => {
        const user = userOf(org, req);
        notDeprovisioned(user);
        const factor = enrollFactor(org, user, req.body, {
          activate: truthy(req.query.get('activate')),
          updatePhone: truthy(req.query.get('updatePhone')),
          now: now(),
        });
        return { status: 200, body: render(req, user, factor) };
      },
    },
    {
      method: 'GET',
      pattern: `${BASE}/:factorId`,
      handle: (req) => {
        const user = userOf(org, req);
        return { status: 200, body: render(req, user, factorOf(org, user, req.params.factorId)) };
      },
    },
    {
      method: 'DELETE',
      pattern: `${BASE}/:factorId`,
      handle: (req) => {
        const user = userOf(org, req);
        const factor = factorOf(org, user, req.params.factorId);
        notDeprovisioned(user);
        factorsOf(org, user.id).delete(factor.id);
        forgetFactorSecrets(org, factor.id);
        org.log('user.mfa.factor.deactivate', 'Reset factor for user', [userTarget(user), { id: factor.id, type: 'Factor', displayName: factor.factorType }]);
        return { status: 204 };
      },
    },
    {
      method: 'POST',
      pattern: `${BASE}/:factorId/lifecycle/activate`,
      handle: (req) => {
        const user = userOf(org, req);
        const factor = factorOf(org, user, req.params.factorId);
        if (factor.status !== 'PENDING_ACTIVATION') throw notPending(factor);
        const at = now();
        const secrets = factorSecrets(org, factor.id);
        if (factor.factorType === 'push') return activatePush(org, user, factor, at, () => render(req, user, factor));
        assertActivationAttemptsLeft(secrets, at);
        const passCode = (req.body as OktaObject | undefined)?.passCode;
        if (typeof passCode !== 'string' || passCode === '') throw oktaErrors.validation('passCode', ['passCode: The field cannot be left blank']);
        const valid = passCode === SANDBOX_PASS_CODE || (secrets.activation !== undefined && totpMatches(secrets.activation.sharedSecret, passCode, at));
        if (!valid) {
          secrets.failedActivations.push(at);
          throw new SandboxError(403, 'E0000068', 'Invalid Passcode/Answer', ["Your passcode doesn't match our records. Please try again."]);
        }
        markActive(org, user, factor, at);
        return { status: 200, body: render(req, user, factor) };
      },
    },
    ...factorVerifyRoutes(org, { now, passCode: SANDBOX_PASS_CODE }),
    {
      method: 'POST',
      pattern: `${BASE}/:factorId/resend`,
      handle: (req) => {
        const user = userOf(org, req);
        const factor = factorOf(org, user, req.params.factorId);
        if (!DELIVERY_LIMITS[factor.factorType]) {
          throw oktaErrors.validation('factor', [`factorType: ${factor.factorType} factors have no code to resend`]);
        }
        if (factor.status !== 'PENDING_ACTIVATION') throw notPending(factor);
        const sentType = (req.body as OktaObject | undefined)?.factorType;
        if (sentType !== undefined && sentType !== factor.factorType) {
          throw oktaErrors.validation('factor', [`factorType: The factor is a ${factor.factorType} factor, not ${String(sentType)}`]);
        }
        const at = now();
        const secrets = factorSecrets(org, factor.id);
        assertActivationAttemptsLeft(secrets, at);
        assertDeliveryAllowed(secrets, factor.factorType, at);
        logDelivery(org, user, factor, at);
        return { status: 200, body: render(req, user, factor) };
      },
    },
  ];
}

/** Demo factors for the users already in the org: active sms, email and question factors, and one pending sms. */
export function seedFactors(org: SandboxOrg, options: { users: number }): void {
  const users = [...org.users.values()].filter((u) => u.status !== 'DEPROVISIONED' && u.id !== org.adminId).slice(0, Math.max(0, options.users));
  const at = Date.now();
  const kind = (factorType: string) => catalogFactor(factorType, 'OKTA')!;
  users.slice(0, 6).forEach((user, index) => {
    const phoneNumber = `+1555010${String(index).padStart(4, '0')}`;
    if (index === 5) {
      // Seeded long enough ago that it can be resent at once.
      const pending = storeFactor(org, user.id, kind('sms'), 'PENDING_ACTIVATION', { phoneNumber }, at);
      factorSecrets(org, pending.id).lastSentAt = at - 60_000;
      return;
    }
    if (index < 3) storeFactor(org, user.id, kind('sms'), 'ACTIVE', { phoneNumber }, at);
    if (index < 3 && user.profile?.email) storeFactor(org, user.id, kind('email'), 'ACTIVE', { email: user.profile.email }, at);
    const question = SECURITY_QUESTIONS[index % SECURITY_QUESTIONS.length];
    const answered = storeFactor(org, user.id, kind('question'), 'ACTIVE', { ...question }, at);
    factorSecrets(org, answered.id).answerHash = answerHash(SANDBOX_PASS_CODE);
  });
}
