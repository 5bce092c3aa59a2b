/**
 * Every cell of Okta's user status machine, allowed and refused, against the sandbox's HTTP routes.
 * The table is written out from docs/OKTA-NOTES.md#user-status (Okta's user status diagram and the "only on ..."
 * wording of each lifecycle endpoint in the management spec), not read from the sandbox's own rules, so a
 * changed rule there fails a named cell here.
 */
import { DemoOrgServer, oktaError } from './demo-org-server';

type Status = 'STAGED' | 'PROVISIONED' | 'ACTIVE' | 'RECOVERY' | 'PASSWORD_EXPIRED' | 'LOCKED_OUT' | 'SUSPENDED' | 'DEPROVISIONED';
const STATUSES: Status[] = ['STAGED', 'PROVISIONED', 'ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'SUSPENDED', 'DEPROVISIONED'];

const WRONG_STATUS = oktaError(403, 'E0000038', "This operation is not allowed in the user's current status.");
interface Row {
  /** Status reached from each status the action is allowed from. */
  allowed: Partial<Record<Status, Status>>;
  /** Okta's answer from every other status (a function when it depends on the status). */
  refused: (from: Status) => ReturnType<typeof oktaError>;
}

const keep = (statuses: Status[]) => Object.fromEntries(statuses.map((s) => [s, s])) as Partial<Record<Status, Status>>;

const MACHINE: Record<string, Row> = {
  // The table's users carry no password, so activation ends PROVISIONED (welcome flow pending).
  activate: {
    allowed: { STAGED: 'PROVISIONED', DEPROVISIONED: 'PROVISIONED' },
    refused: (from) => (from === 'ACTIVE' ? oktaError(403, 'E0000016', 'Activation failed because the user is already active') : WRONG_STATUS),
  },
  reactivate: { allowed: { PROVISIONED: 'PROVISIONED', RECOVERY: 'PROVISIONED' }, refused: () => WRONG_STATUS },
  deactivate: {
    allowed: Object.fromEntries(STATUSES.filter((s) => s !== 'DEPROVISIONED').map((s) => [s, 'DEPROVISIONED'])),
    refused: () => oktaError(404, 'E0000007'),
  },
  suspend: { allowed: { ACTIVE: 'SUSPENDED' }, refused: () => oktaError(400, 'E0000001', 'Api validation failed: suspendUser', ['Cannot suspend a user that is not active']) },
  unsuspend: { allowed: { SUSPENDED: 'ACTIVE' }, refused: () => oktaError(400, 'E0000001', 'Api validation failed: unsuspendUser', ['Cannot unsuspend a user that is not suspended']) },
  unlock: { allowed: { LOCKED_OUT: 'ACTIVE' }, refused: () => oktaError(403, 'E0000032', 'Unlock is not allowed for this user.') },
  expire_password: {
    allowed: { ACTIVE: 'PASSWORD_EXPIRED', PASSWORD_EXPIRED: 'PASSWORD_EXPIRED', LOCKED_OUT: 'PASSWORD_EXPIRED', RECOVERY: 'PASSWORD_EXPIRED' },
    refused: () => WRONG_STATUS,
  },
  reset_factors: { allowed: keep(['PROVISIONED', 'ACTIVE', 'RECOVERY', 'PASSWORD_EXPIRED', 'LOCKED_OUT', 'SUSPENDED']), refused: () => WRONG_STATUS },
};

const sandbox = new DemoOrgServer();
beforeAll(() => sandbox.start());
afterAll(() => sandbox.stop());

let serial = 0;
/** A fresh user (no password) put straight into `status`: the test is about the next step, not how it got there. */
async function userIn(status: Status): Promise<string> {
  const login = `machine.${++serial}@example.com`;
  const created = await sandbox.api('POST', '/api/v1/users?activate=false', { profile: { firstName: 'Machine', lastName: String(serial), login, email: login } });
  expect(created.status).toBe(200);
  sandbox.user(login).status = status;
  return created.body.id;
}

const cells = Object.entries(MACHINE).flatMap(([action, row]) =>
  STATUSES.map((from) => [action, from, row.allowed[from] ? `allowed → ${row.allowed[from]}` : 'refused'] as const),
);

test('the table covers every action the sandbox routes and every status', () => {
  expect(cells).toHaveLength(8 * 8);
});

describe.each(cells)('POST /lifecycle/%s from %s', (action, from, verdict) => {
  test(verdict, async () => {
    const row = MACHINE[action];
    const id = await userIn(from);
    const answer = await sandbox.api('POST', `/api/v1/users/${id}/lifecycle/${action}`);
    const after = (await sandbox.api('GET', `/api/v1/users/${id}`)).body.status;
    const reached = row.allowed[from];
    if (reached) {
      expect(answer.status).toBe(200);
      expect(after).toBe(reached);
    } else {
      expect(answer).toMatchObject(row.refused(from));
      expect(after).toBe(from);
    }
  });
});
