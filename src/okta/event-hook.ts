import type { OktaRequest } from '../http/okta-request';
import { oktaPath } from '../http/request-url';

/** The subset of Okta's EventHook the connector reads. */
export interface OktaEventHook {
  id: string;
  name: string;
  status: 'ACTIVE' | 'INACTIVE';
  verificationStatus: 'VERIFIED' | 'UNVERIFIED';
  events: { type: string; items: string[] };
  channel: { config: { uri: string } };
}

/** The create/replace body: an HTTP channel to `uri` whose Authorization header carries `secret`. */
export function eventHookBody(name: string, eventTypes: string[], uri: string, secret: string): Record<string, unknown> {
  return {
    name,
    events: { type: 'EVENT_TYPE', items: eventTypes },
    channel: {
      type: 'HTTP',
      version: '1.0.0',
      config: { uri, authScheme: { type: 'HEADER', key: 'Authorization', value: secret } },
    },
  };
}

/** Only ACTIVE and VERIFIED hooks receive events, and only they count against Okta's per-org limit. */
export const countsAgainstHookLimit = (hook: OktaEventHook): boolean => hook.status === 'ACTIVE' && hook.verificationStatus === 'VERIFIED';

export const eventHookLifecycle = (hookId: string, action: 'activate' | 'deactivate' | 'verify'): OktaRequest => ({
  method: 'POST',
  path: oktaPath`/api/v1/eventHooks/${hookId}/lifecycle/${action}`,
});

/** The same set of event types, whatever the order. */
export const sameEventSet = (a: readonly string[], b: readonly string[]): boolean =>
  a.length === b.length && [...a].sort().join('\n') === [...b].sort().join('\n');
