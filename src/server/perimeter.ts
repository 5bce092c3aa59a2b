import { ConnectorError } from '../core/errors';
import { Caller, CallerKeys } from './caller-keys';
import { AllowedHosts } from './host-check';
import { json, RouteResponse } from './responses';

/** A route that skips a check: health probes skip both, Okta's trigger deliveries (hook secret) skip the key. */
export interface PerimeterExemption {
  method: string;
  path: RegExp;
  skip: Array<'key' | 'host'>;
}

export const DEFAULT_EXEMPTIONS: readonly PerimeterExemption[] = Object.freeze([{ method: 'GET', path: /^\/healthz$/, skip: ['key', 'host'] }]);

export interface PerimeterConfig {
  /** Undefined: no caller keys (the service refuses to listen beyond loopback then). */
  keys?: CallerKeys;
  /** Undefined: no Host check (the Lambda, where API Gateway owns the host name). */
  hosts?: AllowedHosts;
  exemptions?: readonly PerimeterExemption[];
}

export type PerimeterVerdict = { caller: Caller } | { refusal: RouteResponse };

/** Who calls when no keys are configured (a loopback-only service, for local use). */
export const ANONYMOUS: Caller = Object.freeze({ id: 'anonymous' });
const REALM = 'okta-connector';

const refusal = (status: number, type: 'auth_error' | 'permission_error', message: string, headers: Record<string, string> = {}): { refusal: RouteResponse } => ({
  refusal: json(status, { outcome: 'error', error: new ConnectorError(type, message).toJSON() }, headers),
});

/**
 * The step every request passes before any route runs (routes added later included): the Host check,
 * then the caller key. Exempt routes are listed, never inferred.
 */
export function createPerimeter(config: PerimeterConfig): (request: { method: string; path: string; headers: Record<string, string | undefined> }) => PerimeterVerdict {
  const exemptions = config.exemptions ?? DEFAULT_EXEMPTIONS;
  return ({ method, path, headers }) => {
    const skip = exemptions.find((e) => e.method === method && e.path.test(path))?.skip ?? [];
    if (config.hosts && !skip.includes('host') && !config.hosts.allows(headers.host)) {
      return refusal(421, 'permission_error', 'This service does not answer to that Host name: the operator lists the names it is reached by in PUBLIC_URL or CONNECTOR_ALLOWED_HOSTS');
    }
    if (!config.keys || skip.includes('key')) return { caller: ANONYMOUS };
    const authorization = headers.authorization;
    const caller = config.keys.identify(authorization);
    if (caller) return { caller };
    return authorization
      ? refusal(401, 'auth_error', 'The caller key is not valid', { 'WWW-Authenticate': `Bearer realm="${REALM}", error="invalid_token"` })
      : refusal(401, 'auth_error', 'This service needs a caller key: send Authorization: Bearer <key>', { 'WWW-Authenticate': `Bearer realm="${REALM}"` });
  };
}
