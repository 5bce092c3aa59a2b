import { newId } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';
import { UserStatus } from './user-status';
import { defaultTypeId } from './user-store';

const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Amelia', 'Oliver', 'Sophia', 'Elijah', 'Charlotte', 'James', 'Mia', 'Lucas', 'Harper', 'Mateo', 'Evelyn', 'Henry', 'Aria', 'Theodore', 'Luna', 'Jack', 'Chloe', 'Levi', 'Priya', 'Arjun', 'Mei', 'Hiroshi', 'Fatima', 'Omar', 'Ingrid', 'Lars', 'Zoe', 'Diego', 'Camila', 'Mohammed', 'Aisha', 'Kwame', 'Nia', 'Sven', 'Yuki', 'Carlos', 'Elena', 'Dmitri', 'Ana', 'Wei', 'Hana', 'Samuel', 'Grace', 'Daniel', 'Leah', 'Tomas'];
const LAST = ['Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez', 'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin', 'Lee', 'Perez', 'Thompson', 'White', 'Harris', 'Sanchez', 'Clark', 'Ramirez', 'Lewis', 'Robinson', 'Walker', 'Young', 'Allen', 'King', 'Wright', 'Scott', 'Torres', 'Nguyen', 'Hill', 'Flores', 'Green', 'Adams', 'Nelson', 'Baker', 'Hall', 'Rivera', 'Campbell', 'Mitchell', 'Carter', 'Roberts', 'Tanaka', 'Okafor', 'Kowalski', 'Larsen', 'Novak', 'Haddad', 'Singh', 'Chen', 'Kim', 'Silva'];
const DEPARTMENTS = ['Engineering', 'Sales', 'Marketing', 'Finance', 'Human Resources', 'Support', 'Legal', 'Operations'];
const TITLES = ['Analyst', 'Engineer', 'Manager', 'Specialist', 'Director', 'Coordinator', 'Consultant', 'Associate'];

/**
 * Named users: the people of the operations' samples and the README (Isaac Brock, Alice Smith, Bob Jones, Carol
 * Diaz), then one per status, so every lifecycle path can be tried on the demo org.
 */
const DEMO: Array<[string, string, UserStatus]> = [
  ['Isaac', 'Brock', 'ACTIVE'],
  ['Alice', 'Smith', 'ACTIVE'],
  ['Bob', 'Jones', 'ACTIVE'],
  ['Maya', 'Patel', 'STAGED'],
  ['Liam', "O'Connor", 'PROVISIONED'],
  ['Sofia', 'Rossi', 'SUSPENDED'],
  ['Noah', 'Kim', 'LOCKED_OUT'],
  ['Emma', 'Johansson', 'DEPROVISIONED'],
  ['Lucas', 'Silva', 'PASSWORD_EXPIRED'],
  ['Ava', 'Chen', 'RECOVERY'],
];

/** Every 20 generated users: 14 ACTIVE and one of each other status (RECOVERY aside). */
const CYCLE: UserStatus[] = ['STAGED', 'PROVISIONED', 'SUSPENDED', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'DEPROVISIONED'];
const statusAt = (i: number): UserStatus => CYCLE[i % 20] ?? 'ACTIVE';

const HOUR = 3_600_000;
const WAS_ACTIVATED = new Set<UserStatus>(['ACTIVE', 'SUSPENDED', 'LOCKED_OUT', 'PASSWORD_EXPIRED', 'RECOVERY']);

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]/g, '');

interface Seeded {
  first: string;
  last: string;
  status: UserStatus;
  index: number;
}

function seededUser(org: SandboxOrg, typeId: string, login: string, { first, last, status, index }: Seeded, now: number): OktaObject {
  const created = now - (index + 2) * 7 * HOUR;
  const changed = new Date(created + 2 * HOUR).toISOString();
  const activated = WAS_ACTIVATED.has(status);
  const profile: OktaObject = { firstName: first, lastName: last, email: login, login, displayName: `${first} ${last}` };
  // Two users in three carry HR attributes, so searches on them (e.g. profile.department) have something to find.
  if (index % 3 !== 2) {
    profile.department = DEPARTMENTS[index % DEPARTMENTS.length];
    profile.title = TITLES[(index >> 1) % TITLES.length];
    profile.costCenter = `CC-${1000 + (index % 40) * 10}`;
    profile.employeeNumber = String(100000 + index);
  }
  const credentials: OktaObject = { provider: { type: 'OKTA', name: 'OKTA' } };
  if (activated) credentials.password = {};
  if (activated && index % 4 === 0) credentials.recovery_question = { question: 'What was the name of your first pet?' };
  return {
    id: newId('00u'),
    status,
    created: new Date(created).toISOString(),
    activated: activated ? new Date(created + HOUR).toISOString() : null,
    statusChanged: status === 'STAGED' ? null : changed,
    lastLogin: status === 'ACTIVE' && index % 2 === 0 ? new Date(now - (index % 72) * HOUR).toISOString() : null,
    lastUpdated: changed,
    passwordChanged: activated ? new Date(created + HOUR).toISOString() : null,
    type: { id: typeId },
    profile,
    credentials,
  };
}

/**
 * The demo org's users: the admin who owns the API token, one named user per status, then generated
 * `first.last@example.com` users (deterministic names, mostly ACTIVE) up to `users` in total.
 * Seed user types first: users get the default type's id.
 */
export function seedUsers(org: SandboxOrg, options: { users: number }): void {
  const now = Date.now();
  const typeId = defaultTypeId(org);
  const taken = new Set([...org.users.values()].map((u) => String(u.profile?.login).toLowerCase()));
  const add = (seed: Seeded, base = `${slug(seed.first)}.${slug(seed.last)}`): OktaObject => {
    let login = `${base}@example.com`;
    for (let n = 2; taken.has(login); n++) login = `${base}${n}@example.com`;
    taken.add(login);
    const user = seededUser(org, typeId, login, seed, now);
    org.users.set(user.id, user);
    return user;
  };

  const admin = add({ first: 'Sandbox', last: 'Admin', status: 'ACTIVE', index: options.users }, 'admin');
  admin.profile.title = 'Okta Administrator';
  org.adminId = admin.id;
  const total = Math.max(options.users, 1);
  DEMO.slice(0, total - 1).forEach(([first, last, status], i) => add({ first, last, status, index: i }));
  const alice = [...org.users.values()].find((u) => u.profile.login === 'alice.smith@example.com');
  if (alice) Object.assign(alice.profile, { department: 'Finance', title: 'Finance Manager' });
  for (let i = DEMO.length; i < total - 1; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[(i * 7 + Math.floor(i / FIRST.length)) % LAST.length];
    add({ first, last, status: statusAt(i), index: i });
  }
}

/** Contractors of the demo org's Contractor user type, which requires `agency` (the samples' Carol Diaz first). */
const CONTRACTORS: Array<[string, string, string]> = [
  ['Carol', 'Diaz', 'Northwind Staffing'],
  ['Eric', 'Judy', 'Contoso Talent'],
  ['Hedy', 'Lamarr', 'Northwind Staffing'],
];

export function seedContractors(org: SandboxOrg): void {
  const type = [...org.userTypes.values()].find((t) => t.name === 'contractor');
  if (!type) return;
  const now = Date.now();
  CONTRACTORS.forEach(([first, last, agency], index) => {
    const login = `${slug(first)}.${slug(last)}@example.com`;
    if (org.findUser(login)) return;
    const user = seededUser(org, type.id, login, { first, last, status: 'ACTIVE', index }, now);
    const { department, title } = user.profile;
    user.profile = { firstName: first, lastName: last, email: login, login, displayName: `${first} ${last}`, userType: 'Contractor', agency, ...(department ? { department, title } : {}) };
    org.users.set(user.id, user);
  });
}
