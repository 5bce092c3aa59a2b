import { ACTIVATION_ATTEMPTS, DELIVERY_LIMITS } from './supported-factors';
import { oktaErrors, SandboxError } from '../core/okta-error-bodies';
import { SandboxOrg } from '../core/org';

/** What Okta keeps about a factor but never returns as such: delivery times, failed activations, the TOTP seed. */
export interface FactorSecrets {
  lastSentAt?: number;
  failedActivations: number[];
  /** TOTP activation data, shown in `_embedded.activation` while the factor is PENDING_ACTIVATION. */
  activation?: { timeStep: number; sharedSecret: string; encoding: 'base32'; keyLength: number; qrToken: string };
  /** A pending push enrollment: until when Okta Verify may scan the QR code. */
  pushActivation?: { expiresAt: number; qrToken: string };
  /** An ACTIVE TOTP factor's seed, kept for verify (its `_embedded.activation` is gone once active). */
  totpSecret?: string;
  /** SHA-256 of a question factor's answer (Okta never returns the answer; verify compares against it). */
  answerHash?: string;
  /** Push challenges issued by verify, by transaction id. */
  transactions?: Map<string, { expiresAt: number }>;
}

const secretsByOrg = new WeakMap<SandboxOrg, Map<string, FactorSecrets>>();

export function factorSecrets(org: SandboxOrg, factorId: string): FactorSecrets {
  let byFactor = secretsByOrg.get(org);
  if (!byFactor) secretsByOrg.set(org, (byFactor = new Map()));
  let secrets = byFactor.get(factorId);
  if (!secrets) byFactor.set(factorId, (secrets = { failedActivations: [] }));
  return secrets;
}

export function forgetFactorSecrets(org: SandboxOrg, factorId: string): void {
  secretsByOrg.get(org)?.delete(factorId);
}

/** 429 E0000047 once five activation attempts failed within five minutes (it also blocks resends). */
export function assertActivationAttemptsLeft(secrets: FactorSecrets, now: number): void {
  secrets.failedActivations = secrets.failedActivations.filter((at) => now - at < ACTIVATION_ATTEMPTS.windowMs);
  if (secrets.failedActivations.length >= ACTIVATION_ATTEMPTS.max) throw oktaErrors.rateLimited({});
}

/** 429 E0000109 / E0000133 / E0000118 when a code was delivered to this factor too recently. */
export function assertDeliveryAllowed(secrets: FactorSecrets, factorType: string, now: number): void {
  const limit = DELIVERY_LIMITS[factorType];
  if (limit && secrets.lastSentAt !== undefined && now - secrets.lastSentAt < limit.seconds * 1000) {
    throw new SandboxError(429, limit.errorCode, limit.errorSummary);
  }
}
