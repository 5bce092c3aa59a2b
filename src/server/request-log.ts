/**
 * One line per request. Deliberately narrow: the route template and the operation name, never the raw
 * path's other parts, body, input, output, auth or headers (they may hold credentials or personal data).
 */
export interface RequestLogEntry {
  level: 'info' | 'warn' | 'error';
  event: 'http_request';
  method: string;
  route: string;
  operation?: string;
  status: number;
  durationMs: number;
  errorType?: string;
}

export type RequestLogger = (entry: RequestLogEntry) => void;

export const stderrLogger: RequestLogger = (entry) => {
  process.stderr.write(`${JSON.stringify({ time: new Date().toISOString(), ...entry })}\n`);
};

export const levelForStatus = (status: number): RequestLogEntry['level'] => (status >= 500 ? 'error' : status >= 400 ? 'warn' : 'info');
