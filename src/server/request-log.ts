/**
 * One audit line per request. Deliberately narrow: who called (the caller key's id, never the key), the
 * route template, the operation name, the outcome and Okta's request id; never the raw path's other parts,
 * body, input, output, auth or headers (they may hold credentials or personal data).
 */
export interface RequestLogEntry {
  level: 'info' | 'warn' | 'error';
  event: 'http_request';
  method: string;
  route: string;
  /** The caller key's label or short hash; `anonymous` without keys; absent when the request was refused before. */
  caller?: string;
  operation?: string;
  status: number;
  outcome: 'success' | 'error';
  durationMs: number;
  errorType?: string;
  /** X-Okta-Request-Id of the call's last Okta response, and how many requests the call made. */
  oktaRequestId?: string;
  oktaRequests?: number;
}

export type RequestLogger = (entry: RequestLogEntry) => void;

export const stderrLogger: RequestLogger = (entry) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};

export const levelForStatus = (status: number): RequestLogEntry['level'] => (status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info');
