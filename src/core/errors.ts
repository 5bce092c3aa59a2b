/** The one error type the connector throws. Every failure a caller sees is one of these. */
export type ErrorType =
  | 'user_input_error'
  | 'auth_error'
  | 'permission_error'
  | 'rate_limited'
  | 'api_error'
  | 'timeout'
  | 'connector_error';

export interface OktaErrorDetails {
  errorCode?: string;
  errorSummary?: string;
  errorCauses?: Array<{ errorSummary?: string }>;
  errorId?: string;
}

export interface ConnectorErrorInit {
  status?: number;
  okta?: OktaErrorDetails;
  requestId?: string;
  retryable?: boolean;
  /** Seconds after which a retry may succeed (rate limits). */
  retryAfterSeconds?: number;
  /** Input fields that failed validation, as JSON paths. */
  fields?: string[];
}

export class ConnectorError extends Error {
  readonly type: ErrorType;
  readonly status?: number;
  readonly okta?: OktaErrorDetails;
  readonly requestId?: string;
  readonly retryable: boolean;
  readonly retryAfterSeconds?: number;
  readonly fields?: string[];

  constructor(type: ErrorType, message: string, init: ConnectorErrorInit = {}) {
    super(message);
    this.name = 'ConnectorError';
    this.type = type;
    this.status = init.status;
    this.okta = init.okta;
    this.requestId = init.requestId;
    this.retryable = init.retryable ?? false;
    this.retryAfterSeconds = init.retryAfterSeconds;
    this.fields = init.fields;
  }

  /** The plain object a platform envelope or the CLI prints. */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { type: this.type, message: this.message, retryable: this.retryable };
    for (const key of ['status', 'okta', 'requestId', 'retryAfterSeconds', 'fields'] as const) {
      if (this[key] !== undefined) json[key] = this[key];
    }
    return json;
  }
}

export const userInputError = (message: string, fields?: string[]): ConnectorError =>
  new ConnectorError('user_input_error', message, { fields });

/** Wraps anything thrown that is not already a ConnectorError, so callers only ever see one type. */
export function asConnectorError(error: unknown): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ConnectorError('connector_error', `Unexpected connector failure: ${message}`);
}
