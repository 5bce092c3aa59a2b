import { seedApps } from './apps/apps';
import { seedFactors } from './factors/factors';
import { seedGroups } from './groups/groups';
import { SandboxOrg } from './core/org';
import { seedUserMeta } from './meta/user-meta';
import { seedContractors } from './users/user-seed';
import { seedUsers } from './users/users';

/** A small demo org: user types and schemas first (users reference their type), then users and contractors, groups, factors, apps. */
export function seedDemoOrg(org: SandboxOrg, options: { users: number }): void {
  seedUserMeta(org);
  seedUsers(org, options);
  seedContractors(org);
  seedGroups(org, options);
  seedFactors(org, options);
  seedApps(org);
}
