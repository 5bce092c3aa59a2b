import { randomBytes } from 'node:crypto';
import { oktaErrors, SandboxError } from '../core/okta-error-bodies';
import { OktaObject, SandboxOrg } from '../core/org';
import { Route, SandboxRequest, SandboxResponse } from '../core/route-types';
import { answerHash, logDelivery, userTarget } from './factor-enroll';
import { userFactorsUrl } from './factor-links';
import { factorOf, userOf } from './factor-lookup';
import { assertDeliveryAllowed, factorSecrets } from './factor-state';
import { PUSH_CHALLENGE_MS } from './supported-factors';
import { totpMatches } from './totp';

/**
 * `POST /users/{userId}/factors/{factorId}/verify` (spec `verifyFactor`) and the push transaction poll
 * (`getFactorTransactionStatus`). sms, call and email first need a challenge (a request without `passCode`);
 * push answers 201 WAITING with a poll link; a passcode, TOTP code or answer answers `factorResult: SUCCESS`.
 */
export interface VerifyOptions {
  now: () => number;
  passCode: string;
}

const CHALLENGED = new Set(['sms', 'call', 'email']);
const link = (href: string, allow: string[]) => ({ href, hints: { allow } });

const invalid = (what: 'passcode' | 'answer') =>
  new SandboxError(403, 'E0000068', 'Invalid Passcode/Answer', [what === 'passcode' ? "Your passcode doesn't match our records. Please try again." : "Your answer doesn't match our records. Please try again."]);

function challenge(org: SandboxOrg, req: SandboxRequest, user: OktaObject, factor: OktaObject, at: number): SandboxResponse {
  assertDeliveryAllowed(factorSecrets(org, factor.id), factor.factorType, at);
  logDelivery(org, user, factor, at);
  const self = `${userFactorsUrl(req.baseUrl, user.id)}/${factor.id}`;
  const profile = factor.factorType === 'email' ? { email: factor.profile?.email } : { phoneNumber: factor.profile?.phoneNumber };
  return { status: 200, body: { factorResult: 'CHALLENGE', profile, _links: { verify: link(`${self}/verify`, ['POST']), factor: link(self, ['GET', 'DELETE']) } } };
}

function pushChallenge(org: SandboxOrg, req: SandboxRequest, user: OktaObject, factor: OktaObject, at: number): SandboxResponse {
  const secrets = factorSecrets(org, factor.id);
  const transactionId = `v2mst.${randomBytes(16).toString('base64url')}`;
  const expiresAt = at + PUSH_CHALLENGE_MS;
  (secrets.transactions ??= new Map()).set(transactionId, { expiresAt });
  const poll = `${userFactorsUrl(req.baseUrl, user.id)}/${factor.id}/transactions/${transactionId}`;
  return {
    status: 201,
    body: { expiresAt: new Date(expiresAt).toISOString(), factorResult: 'WAITING', profile: { credentialId: factor.profile?.credentialId }, _links: { poll: link(poll, ['GET']), cancel: link(poll, ['DELETE']) } },
  };
}

function verify(org: SandboxOrg, req: SandboxRequest, options: VerifyOptions): SandboxResponse {
  const user = userOf(org, req);
  const factor = factorOf(org, user, req.params.factorId);
  if (user.status === 'DEPROVISIONED') throw oktaErrors.wrongStatus();
  if (factor.status !== 'ACTIVE') throw oktaErrors.validation('factor', [`status: The factor is ${factor.status}; only an ACTIVE factor can be verified`]);
  const at = options.now();
  const body = (req.body ?? {}) as OktaObject;
  if (factor.factorType === 'push') return pushChallenge(org, req, user, factor, at);
  const secrets = factorSecrets(org, factor.id);
  if (factor.factorType === 'question') {
    if (typeof body.answer !== 'string' || body.answer.trim() === '') throw oktaErrors.validation('answer', ['answer: The field cannot be left blank']);
    if (secrets.answerHash !== answerHash(body.answer)) throw invalid('answer');
  } else {
    const passCode = body.passCode;
    if (passCode === undefined && CHALLENGED.has(factor.factorType)) return challenge(org, req, user, factor, at);
    if (typeof passCode !== 'string' || passCode === '') throw oktaErrors.validation('passCode', ['passCode: The field cannot be left blank']);
    const valid = passCode === options.passCode || (factor.factorType === 'token:software:totp' && secrets.totpSecret !== undefined && totpMatches(secrets.totpSecret, passCode, at));
    if (!valid) throw invalid('passcode');
  }
  org.log('user.authentication.auth_via_mfa', 'Authentication of user via MFA', [userTarget(user), { id: factor.id, type: 'Factor', displayName: factor.factorType }]);
  return { status: 200, body: { factorResult: 'SUCCESS' } };
}

/** The sandbox's stand-in for Okta Verify approves every push at once: polling an open transaction answers SUCCESS. */
function transaction(org: SandboxOrg, req: SandboxRequest, options: VerifyOptions): SandboxResponse {
  const user = userOf(org, req);
  const factor = factorOf(org, user, req.params.factorId);
  const found = factorSecrets(org, factor.id).transactions?.get(req.params.transactionId);
  if (!found) throw oktaErrors.notFound(req.params.transactionId, 'Transaction');
  if (found.expiresAt <= options.now()) return { status: 200, body: { factorResult: 'TIMEOUT' } };
  return { status: 200, body: { factorResult: 'SUCCESS' } };
}

export function factorVerifyRoutes(org: SandboxOrg, options: VerifyOptions): Route[] {
  return [
    { method: 'POST', pattern: '/api/v1/users/:userId/factors/:factorId/verify', handle: (req) => verify(org, req, options) },
    { method: 'GET', pattern: '/api/v1/users/:userId/factors/:factorId/transactions/:transactionId', handle: (req) => transaction(org, req, options) },
  ];
}
