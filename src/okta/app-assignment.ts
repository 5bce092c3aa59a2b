import { ConnectorError } from '../core/errors';
import { oktaPath, OperationContext } from '../runtime/handler-kinds';
import { readIfExists } from './read-if-exists';

export interface AppAssignment {
  id: string;
  scope?: string;
  priority?: number;
  profile?: Record<string, unknown>;
  credentials?: { userName?: string };
}

/** DOCS-errors E0000046 (403): Okta refuses to unassign a user whose group memberships grant the app. */
export const GROUP_GRANT_CODE = 'E0000046';

/**
 * Reads a user's or group's assignment to an app; undefined when there is none. Okta answers 404 both for a
 * missing assignment and a missing app, so on 404 the app is read too: an unknown app is an error, not
 * "already unassigned".
 */
export async function readAssignment<T extends AppAssignment>(ctx: OperationContext, appId: string, path: string): Promise<T | undefined> {
  const assignment = await readIfExists<T>(ctx, path);
  if (assignment === undefined) await ctx.request({ method: 'GET', path: oktaPath`/api/v1/apps/${appId}` });
  return assignment;
}

/** True when every given profile attribute already has that value (deep equality on JSON values). */
export function profileHas(current: Record<string, unknown> | undefined, wanted: Record<string, unknown> | undefined): boolean {
  return Object.entries(wanted ?? {}).every(([key, value]) => JSON.stringify(current?.[key] ?? null) === JSON.stringify(value ?? null));
}

/** Why a user cannot be unassigned while a group grants the app, and what to do instead. */
export function groupGrantError(userId: string, appId: string, refusal?: ConnectorError): ConnectorError {
  return new ConnectorError(
    'user_input_error',
    `Cannot remove user ${userId} from app ${appId}: the app is assigned to them through a group. ` +
      'Remove the user from that group (List user groups, Remove user from group) or remove the group from the app (Remove group from app).',
    { status: refusal?.status, okta: refusal?.okta, requestId: refusal?.requestId, fields: ['user_id'] },
  );
}

/** Dropdown label of an app: `Label (name, signOnMode)`, since labels alone often repeat (two "Salesforce" instances). */
export function appOptionText(app: { id: string; label?: string; name?: string; signOnMode?: string }): string {
  const detail = [app.name, app.signOnMode].filter(Boolean).join(', ');
  const label = app.label ?? app.id;
  return detail ? `${label} (${detail})` : label;
}
