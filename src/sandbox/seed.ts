import { seedFactors } from './factors';
import { seedGroups } from './groups';
import { SandboxOrg } from './org';
import { seedUserMeta } from './user-meta';
import { seedUsers } from './users';

/** A small demo org: user types and schemas first (users reference the default type), then users, groups, factors. */
export function seedDemoOrg(org: SandboxOrg, options: { users: number }): void {
  seedUserMeta(org);
  seedUsers(org, options);
  seedGroups(org, options);
  seedFactors(org, options);
}
