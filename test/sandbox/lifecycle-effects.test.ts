/**
 * What each allowed lifecycle step leaves behind besides the new status: the System Log event Okta writes for it
 * (what the System Log poll trigger and event hooks see), the `_links` a user GET advertises in each status, and
 * the activation answer. Event types are Okta's (Event Types catalog, developer.okta.com/docs/reference/api/event-types);
 * link names are those of Okta's User object (`_links`). Written out here, not read from the sandbox's tables.
 */
import { DemoOrgServer } from './demo-org-server';

type Status = 'STAGED' | 'PROVISIONED' | 'ACTIVE' | 'RECOVERY' | 'PASSWORD_EXPIRED' | 'LOCKED_OUT' | 'SUSPENDED' | 'DEPROVISIONED';

/** One allowed step per action: where it starts, the event it logs and the link that advertises it. */
const STEPS: Array<{ action: string; from: Status; eventType: string; displayMessage: string }> = [
  { action: 'activate', from: 'STAGED', eventType: 'user.lifecycle.activate', displayMessage: 'Activate Okta user' },
  { action: 'reactivate', from: 'PROVISIONED', eventType: 'user.lifecycle.reactivate', displayMessage: 'Reactivate Okta user' },
  { action: 'deactivate', from: 'ACTIVE', eventType: 'user.lifecycle.deactivate', displayMessage: 'Deactivate Okta user' },
  { action: 'suspend', from: 'ACTIVE', eventType: 'user.lifecycle.suspend', displayMessage: 'Suspend Okta user' },
  { action: 'unsuspend', from: 'SUSPENDED', eventType: 'user.lifecycle.unsuspend', displayMessage: 'Unsuspend Okta user' },
  { action: 'unlock', from: 'LOCKED_OUT', eventType: 'user.account.unlock_by_admin', displayMessage: 'Unlock Okta user' },
  { action: 'expire_password', from: 'ACTIVE', eventType: 'user.account.expire_password', displayMessage: 'Expire Okta user password' },
  { action: 'reset_factors', from: 'ACTIVE', eventType: 'user.mfa.factor.reset_all', displayMessage: 'Reset all factors for user' },
];

/** The lifecycle links a single-user GET shows in each status (the allowed actions of the status machine). */
const LINKS: Record<Status, string[]> = {
  STAGED: ['activate', 'deactivate'],
  PROVISIONED: ['deactivate', 'reactivate', 'resetFactors'],
  ACTIVE: ['deactivate', 'expirePassword', 'resetFactors', 'suspend'],
  RECOVERY: ['deactivate', 'expirePassword', 'reactivate', 'resetFactors'],
  PASSWORD_EXPIRED: ['deactivate', 'expirePassword', 'resetFactors'],
  LOCKED_OUT: ['deactivate', 'expirePassword', 'resetFactors', 'unlock'],
  SUSPENDED: ['deactivate', 'resetFactors', 'unsuspend'],
  DEPROVISIONED: ['activate'],
};
const LIFECYCLE_RELS = new Set(Object.values(LINKS).flat());
const ACTION_OF_REL: Record<string, string> = {
  activate: 'activate', reactivate: 'reactivate', deactivate: 'deactivate', suspend: 'suspend', unsuspend: 'unsuspend',
  unlock: 'unlock', expirePassword: 'expire_password', resetFactors: 'reset_factors',
};

const sandbox = new DemoOrgServer();
beforeAll(() => sandbox.start());
afterAll(() => sandbox.stop());

let serial = 0;
async function userIn(status: Status, extra: Record<string, unknown> = {}): Promise<string> {
  const login = `effects.${++serial}@example.com`;
  const created = await sandbox.api('POST', '/api/v1/users?activate=false', { profile: { firstName: 'Effects', lastName: String(serial), login, email: login }, ...extra });
  expect(created.status).toBe(200);
  sandbox.user(login).status = status;
  return created.body.id;
}

describe.each(STEPS)('POST /lifecycle/$action from $from', ({ action, from, eventType, displayMessage }) => {
  test(`logs one ${eventType} event targeting the user`, async () => {
    const id = await userIn(from);
    const before = sandbox.org.logEvents.length;
    expect((await sandbox.api('POST', `/api/v1/users/${id}/lifecycle/${action}`)).status).toBe(200);
    const events = sandbox.org.logEvents.slice(before);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ eventType, displayMessage, target: [expect.objectContaining({ id, type: 'User' })] });
  });
});

describe.each(Object.entries(LINKS))('a %s user', (status, rels) => {
  test(`advertises ${rels.join(', ')}`, async () => {
    const id = await userIn(status as Status);
    const links = (await sandbox.api('GET', `/api/v1/users/${id}`)).body._links as Record<string, { href: string; method?: string }>;
    const lifecycle = Object.keys(links).filter((rel) => LIFECYCLE_RELS.has(rel)).sort();
    expect(lifecycle).toEqual(rels);
    for (const rel of rels) expect(links[rel]).toEqual({ href: expect.stringMatching(new RegExp(`/api/v1/users/${id}/lifecycle/${ACTION_OF_REL[rel]}$`)), method: 'POST' });
  });
});

describe('activation answers', () => {
  test('activate emails by default (an empty answer) and hands back a 20-character token with sendEmail=false', async () => {
    expect((await sandbox.api('POST', `/api/v1/users/${await userIn('STAGED')}/lifecycle/activate`)).body).toEqual({});
    const answer = (await sandbox.api('POST', `/api/v1/users/${await userIn('STAGED')}/lifecycle/activate?sendEmail=false`)).body;
    expect(answer.activationToken).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect(answer.activationUrl).toMatch(new RegExp(`/tokens/${answer.activationToken}/verify$`));
  });

  test('reactivate hands back a token by default and emails with sendEmail=true', async () => {
    expect((await sandbox.api('POST', `/api/v1/users/${await userIn('PROVISIONED')}/lifecycle/reactivate`)).body.activationToken).toMatch(/^[A-Za-z0-9_-]{20}$/);
    expect((await sandbox.api('POST', `/api/v1/users/${await userIn('PROVISIONED')}/lifecycle/reactivate?sendEmail=true`)).body).toEqual({});
  });

  test('a STAGED user with a password or a federated provider activates to ACTIVE; one without any credential to PROVISIONED', async () => {
    const status = async (id: string) => {
      await sandbox.api('POST', `/api/v1/users/${id}/lifecycle/activate`);
      return (await sandbox.api('GET', `/api/v1/users/${id}`)).body.status;
    };
    expect(await status(await userIn('STAGED', { credentials: { password: { value: 'Tr0ub4dor&3-horse' } } }))).toBe('ACTIVE');
    const federated = await userIn('STAGED');
    sandbox.org.users.get(federated)!.credentials = { provider: { type: 'FEDERATION', name: 'FEDERATION' } };
    expect(await status(federated)).toBe('ACTIVE');
    const social = await userIn('STAGED');
    sandbox.org.users.get(social)!.credentials = { provider: { type: 'SOCIAL', name: 'Google' } };
    expect(await status(social)).toBe('ACTIVE');
    const returning = await userIn('DEPROVISIONED', { credentials: { password: { value: 'Tr0ub4dor&3-horse' } } });
    expect(await status(returning)).toBe('PROVISIONED'); // a deactivated user always goes back through the welcome flow
    const bare = await userIn('STAGED');
    delete sandbox.org.users.get(bare)!.credentials;
    expect(await status(bare)).toBe('PROVISIONED');
    const noProvider = await userIn('STAGED');
    sandbox.org.users.get(noProvider)!.credentials = { recovery_question: { question: 'Favourite colour?' } };
    expect(await status(noProvider)).toBe('PROVISIONED'); // credentials that name no provider are not a credential
  });
});

test('deactivating a deactivated user: the not-found answer Okta gives for it, naming the user (okta/okta-sdk-java#721)', async () => {
  const id = await userIn('DEPROVISIONED');
  const answer = await sandbox.api('POST', `/api/v1/users/${id}/lifecycle/deactivate`);
  expect(answer.status).toBe(404);
  expect(answer.body).toMatchObject({ errorCode: 'E0000007', errorSummary: `Not found: Resource not found: ${id} (User)` });
});

describe('status timestamps (User object: statusChanged, activated)', () => {
  const read = async (id: string) => (await sandbox.api('GET', `/api/v1/users/${id}`)).body as { status: string; statusChanged: string | null; activated: string | null };
  const later = () => new Promise((resolve) => setTimeout(resolve, 5));

  test('a step that changes the status stamps statusChanged; one that keeps it does not', async () => {
    const id = await userIn('ACTIVE');
    const before = await read(id);
    await later();
    await sandbox.api('POST', `/api/v1/users/${id}/lifecycle/expire_password`);
    const expired = await read(id);
    expect(expired.statusChanged).not.toBe(before.statusChanged);
    await later();
    await sandbox.api('POST', `/api/v1/users/${id}/lifecycle/expire_password`); // PASSWORD_EXPIRED → PASSWORD_EXPIRED
    expect((await read(id)).statusChanged).toBe(expired.statusChanged);
  });

  test('activated is set on first becoming ACTIVE, kept through suspend and unsuspend, cleared by deactivation', async () => {
    const id = await userIn('STAGED', { credentials: { password: { value: 'Tr0ub4dor&3-horse' } } });
    expect((await read(id)).activated).toBeNull();
    await sandbox.api('POST', `/api/v1/users/${id}/lifecycle/activate`);
    const activated = (await read(id)).activated;
    expect(activated).toEqual(expect.any(String));
    await later();
    await sandbox.api('POST', `/api/v1/users/${id}/lifecycle/suspend`);
    expect((await read(id)).activated).toBe(activated);
    await sandbox.api('POST', `/api/v1/users/${id}/lifecycle/unsuspend`);
    expect((await read(id)).activated).toBe(activated);
    await sandbox.api('POST', `/api/v1/users/${id}/lifecycle/deactivate`);
    expect((await read(id)).activated).toBeNull();
  });

  test('a user activated without a password waits in PROVISIONED, not yet activated', async () => {
    const id = await userIn('STAGED');
    await sandbox.api('POST', `/api/v1/users/${id}/lifecycle/activate`);
    expect(await read(id)).toMatchObject({ status: 'PROVISIONED', activated: null });
  });
});
