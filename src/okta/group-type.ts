import { ConnectorError } from '../core/errors';
import type { OktaGroup } from '../generated/types';

/** Why Okta refuses changes to groups it does not master, by group type. */
const WHY_NOT_CHANGEABLE: Record<string, string> = {
  APP_GROUP:
    'its profile and members are imported from the app or directory it comes from (such as Active Directory or LDAP) and can only be changed there',
  BUILT_IN: 'Okta manages built-in groups (such as Everyone) itself, so their profile and members cannot be changed',
};

/**
 * The error for a change Okta allows only on OKTA_GROUP groups. When Okta already refused (403/400), its
 * status, error code and request id are kept so the failure can still be traced.
 */
export function notOktaGroupError(group: OktaGroup, action: string, refusal?: ConnectorError): ConnectorError {
  const name = group.profile?.name ? ` ("${group.profile.name}")` : '';
  const why = WHY_NOT_CHANGEABLE[group.type ?? ''] ?? 'Okta lets the API change only OKTA_GROUP groups';
  return new ConnectorError(
    'user_input_error',
    `Cannot ${action}: group ${group.id}${name} is of type ${group.type}, and ${why}. Pick an OKTA_GROUP group.`,
    { status: refusal?.status, okta: refusal?.okta, requestId: refusal?.requestId, fields: ['group_id'] },
  );
}

/** Throws the explanatory error unless the group is an OKTA_GROUP. */
export function assertOktaGroup(group: OktaGroup, action: string): void {
  if (group.type !== 'OKTA_GROUP') throw notOktaGroupError(group, action);
}
