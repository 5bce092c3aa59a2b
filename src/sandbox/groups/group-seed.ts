import { newGroup } from './group-store';
import { newId, timestamp } from '../core/ids';
import { OktaObject, SandboxOrg } from '../core/org';

const DAY = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => timestamp(new Date(Date.now() - days * DAY));

interface TeamSeed {
  name: string;
  description: string;
  /** Which users (by their position among the org's users) belong to the team. */
  includes: (index: number, user: OktaObject) => boolean;
  custom?: Record<string, unknown>;
}

const byDepartment = (department: string, fallback: (index: number) => boolean) => (index: number, user: OktaObject) =>
  user.profile?.department ? String(user.profile.department).toLowerCase() === department : fallback(index);

const TEAMS: TeamSeed[] = [
  { name: 'Engineering', description: 'Product engineering and SRE', includes: byDepartment('engineering', (i) => i % 3 === 0), custom: { costCenter: 'CC-2001' } },
  { name: 'Sales', description: 'Account executives and sales engineers', includes: byDepartment('sales', (i) => i % 3 === 1), custom: { costCenter: 'CC-3001' } },
  { name: 'Support', description: 'Customer support, all tiers', includes: byDepartment('support', (i) => i % 3 === 2) },
  { name: 'Finance', description: 'Finance and accounting', includes: byDepartment('finance', (i) => i % 4 === 3), custom: { costCenter: 'CC-4001' } },
  {
    name: 'Contractors',
    description: 'External contractors (access reviewed quarterly)',
    includes: (i, user) => String(user.profile?.userType ?? '').toLowerCase() === 'contractor' || i % 5 === 4,
  },
];

/**
 * The demo org's groups: the BUILT_IN Everyone group (its members are every user, computed when asked), four
 * OKTA_GROUPs whose members are taken from `org.users` (so seed users first), and one APP_GROUP imported
 * from Active Directory (its members are managed there, so the API cannot change them).
 */
export function seedGroups(org: SandboxOrg, _options: { users: number }): void {
  const users = [...org.users.values()];
  const add = (group: OktaObject, memberIds: string[] = []) => {
    org.groups.set(group.id, group);
    org.memberships.set(group.id, new Set(memberIds));
  };

  add(newGroup('BUILT_IN', { name: 'Everyone', description: 'All users in your organization' }, daysAgo(400)));
  TEAMS.forEach((team, n) => {
    const group = newGroup('OKTA_GROUP', { name: team.name, description: team.description, ...team.custom }, daysAgo(300 - n * 20));
    group.lastMembershipUpdated = daysAgo(3 + n);
    add(group, users.filter((user, i) => team.includes(i, user)).map((user) => user.id));
  });

  const appId = newId('0oa');
  const adGroup = newGroup(
    'APP_GROUP',
    {
      name: 'West Coast users',
      description: 'All users west of the Rockies (imported from Active Directory)',
      dn: 'CN=West Coast users,OU=West Coast,DC=example,DC=com',
      externalId: 'VKzYZ1C+IkSZxIWlrW5ITg==',
      samAccountName: 'West Coast users',
      windowsDomainQualifiedName: 'EXAMPLE\\West Coast users',
    },
    daysAgo(250),
  );
  adGroup.source = { id: appId, app: { id: appId, name: 'active_directory', label: 'example.com', signOnMode: 'BOOKMARK' } };
  add(adGroup, users.filter((_user, i) => i % 4 === 1).map((user) => user.id));
}
