import { newId } from '../../src/sandbox/core/ids';
import { OktaObject, SandboxOrg } from '../../src/sandbox/core/org';

/** Puts an Okta-shaped ACTIVE user straight into `org.users` (the users module is not needed for group tests). */
export function addUser(org: SandboxOrg, firstName: string, lastName: string, extra: OktaObject = {}): OktaObject {
  const login = `${firstName}.${lastName}@example.com`.toLowerCase();
  const at = '2024-03-01T10:00:00.000Z';
  const user: OktaObject = {
    id: newId('00u'),
    status: 'ACTIVE',
    created: at,
    activated: at,
    statusChanged: at,
    lastLogin: null,
    lastUpdated: at,
    passwordChanged: at,
    type: { id: 'oty1defaulttype00000' },
    profile: { login, email: login, firstName, lastName, ...extra },
    credentials: { password: {}, provider: { type: 'OKTA', name: 'OKTA' } },
  };
  org.users.set(user.id, user);
  return user;
}

export const PEOPLE: Array<[string, string]> = [
  ['Ada', 'Admin'], ['Isaac', 'Brock'], ['Grace', 'Hopper'], ['Alan', 'Turing'], ['Linus', 'Torvalds'],
  ['Barbara', 'Liskov'], ['Ken', 'Thompson'], ['Margaret', 'Hamilton'], ['Dennis', 'Ritchie'], ['Frances', 'Allen'],
];
