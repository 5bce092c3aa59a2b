import { seedApps } from './apps/apps';
import { seedFactors } from './factors/factors';
import { seedGroups } from './groups/groups';
import { SandboxOrg } from './core/org';
import { seedUserMeta } from './meta/user-meta';
import { seedUsers } from './users/users';

/** A small demo org: user types and schemas first (users reference the default type), then users, groups, factors, apps. */
export function seedDemoOrg(org: SandboxOrg, options: { users: number }): void {
  seedUserMeta(org);
  seedUsers(org, options);
  seedGroups(org, options);
  seedFactors(org, options);
  seedApps(org);
}
