import { FACTOR_CATALOG, DELIVERY_LIMITS } from './supported-factors';
import { FactorSecrets } from './factor-state';
import { OktaObject } from '../core/org';

type Methods = Array<'GET' | 'POST' | 'DELETE'>;
const link = (href: string, allow: Methods, extra: Record<string, string> = {}) => ({ ...extra, href, hints: { allow } });

export const userFactorsUrl = (baseUrl: string, userId: string): string => `${baseUrl}/api/v1/users/${encodeURIComponent(userId)}/factors`;

/**
 * A stored factor as Okta answers it: `_links` by status (activate + resend while pending, verify once active,
 * as Okta's examples show) and, for a pending TOTP factor, the seed and QR link in `_embedded.activation`.
 */
export function renderFactor(baseUrl: string, userId: string, factor: OktaObject, secrets?: FactorSecrets): OktaObject {
  const factorsUrl = userFactorsUrl(baseUrl, userId);
  const self = `${factorsUrl}/${factor.id}`;
  const pending = factor.status === 'PENDING_ACTIVATION';
  const links: Record<string, unknown> = {};
  if (factor.factorType === 'question') links.questions = link(`${factorsUrl}/questions`, ['GET']);
  if (pending) {
    links.activate = link(`${self}/lifecycle/activate`, ['POST']);
    if (DELIVERY_LIMITS[factor.factorType]) links.resend = [link(`${self}/resend`, ['POST'], { name: factor.factorType })];
  } else if (factor.status === 'ACTIVE' && factor.factorType !== 'question') {
    links.verify = link(`${self}/verify`, ['POST']);
  }
  links.self = link(self, pending ? ['GET'] : ['GET', 'DELETE']);
  links.user = link(`${baseUrl}/api/v1/users/${encodeURIComponent(userId)}`, ['GET']);
  const rendered: OktaObject = { ...factor, _links: links };
  const activation = secrets?.activation;
  if (pending && activation) {
    const { qrToken, ...data } = activation;
    rendered._embedded = { activation: { ...data, _links: { qrcode: { href: `${self}/qr/${qrToken}`, type: 'image/png' } } } };
  }
  const push = secrets?.pushActivation;
  if (pending && push) {
    // As spec example EnrollFactorOVPushResponse: a poll link, and the activation with send links and the QR code.
    links.poll = link(`${self}/lifecycle/activate/poll`, ['POST']);
    const send = (name: string) => link(`${self}/lifecycle/activate/${name}`, ['POST'], { name });
    rendered._embedded = {
      activation: {
        expiresAt: new Date(push.expiresAt).toISOString(),
        factorResult: push.expiresAt > Date.now() ? 'WAITING' : 'TIMEOUT',
        _links: { send: [send('email'), send('sms')], qrcode: { href: `${self}/qr/${push.qrToken}`, type: 'image/png' } },
      },
    };
  }
  return rendered;
}

/** The catalog (`listSupportedFactors`) for one user: each factor of the policy with the user's status for it. */
export function renderCatalog(baseUrl: string, user: OktaObject, factors: OktaObject[]): OktaObject[] {
  const factorsUrl = userFactorsUrl(baseUrl, user.id);
  return FACTOR_CATALOG.map((entry) => {
    const enrolled = factors.find((f) => f.factorType === entry.factorType && f.provider === entry.provider);
    const links: Record<string, unknown> = { enroll: link(factorsUrl, ['POST']) };
    if (entry.factorType === 'question') links.questions = link(`${factorsUrl}/questions`, ['GET']);
    const rendered: OktaObject = {
      factorType: entry.factorType,
      provider: entry.provider,
      vendorName: entry.provider,
      enrollment: entry.enrollment,
      status: enrolled?.status ?? 'NOT_SETUP',
      _links: links,
    };
    if (entry.factorType === 'sms') {
      const phones = knownPhones(user, factors);
      if (phones.length > 0) rendered._embedded = { phones };
    }
    return rendered;
  });
}

/** The user's phones Okta would offer for SMS: those of phone factors, else the profile's mobile phone. */
function knownPhones(user: OktaObject, factors: OktaObject[]): OktaObject[] {
  const fromFactors = factors
    .filter((f) => (f.factorType === 'sms' || f.factorType === 'call') && f.profile?.phoneNumber)
    .map((f) => ({ id: f.id, profile: { phoneNumber: f.profile.phoneNumber }, status: f.status }));
  if (fromFactors.length > 0) return fromFactors;
  const mobile = user.profile?.mobilePhone;
  return typeof mobile === 'string' && mobile ? [{ id: `mbl${String(user.id).slice(3)}`, profile: { phoneNumber: mobile }, status: 'NOT_SETUP' }] : [];
}
