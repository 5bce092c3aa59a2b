import { randomBytes } from 'node:crypto';

/** An Okta error answer; thrown by route handlers, rendered by the server. */
export class SandboxError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    readonly errorSummary: string,
    readonly errorCauses: string[] = [],
    readonly headers: Record<string, string> = {},
  ) {
    super(errorSummary);
  }

  toBody(): Record<string, unknown> {
    return {
      errorCode: this.errorCode,
      errorSummary: this.errorSummary,
      errorLink: this.errorCode,
      errorId: `oae${randomBytes(11).toString('base64url').slice(0, 22)}`,
      errorCauses: this.errorCauses.map((errorSummary) => ({ errorSummary })),
    };
  }
}

/** Okta's error codes as the sandbox answers them (docs/OKTA-NOTES.md#error-bodies). */
export const oktaErrors = {
  validation: (what: string, causes: string[]) => new SandboxError(400, 'E0000001', `Api validation failed: ${what}`, causes),
  /** One cause per `field: message`; the summary names the first field, as Okta's do. */
  fieldValidation: (causes: string[]) => new SandboxError(400, 'E0000001', `Api validation failed: ${causes[0].split(':')[0]}`, causes),
  malformedBody: () => new SandboxError(400, 'E0000003', 'The request body was not well-formed.'),
  invalidToken: () => new SandboxError(401, 'E0000011', 'Invalid token provided'),
  forbidden: () => new SandboxError(403, 'E0000006', 'You do not have permission to perform the requested action'),
  notFound: (id: string, kind: string) => new SandboxError(404, 'E0000007', `Not found: Resource not found: ${id} (${kind})`),
  /** Okta's 404 for an unknown path, saying the sandbox does not emulate it (so nobody takes it for a missing resource). */
  notEmulated: (method: string, path: string) =>
    new SandboxError(404, 'E0000008', `The requested path was not found: the Okta sandbox does not emulate ${method} ${path}`),
  methodNotAllowed: () => new SandboxError(405, 'E0000022', 'The endpoint does not support the provided HTTP method'),
  alreadyActive: () => new SandboxError(403, 'E0000016', 'Activation failed because the user is already active'),
  wrongStatus: () => new SandboxError(403, 'E0000038', "This operation is not allowed in the user's current status."),
  invalidSearch: () => new SandboxError(400, 'E0000031', 'Invalid search criteria.'),
  invalidFilter: () => new SandboxError(400, 'E0000053', 'Invalid SCIM filter'),
  rateLimited: (headers: Record<string, string>) => new SandboxError(429, 'E0000047', 'API call exceeded rate limit due to too many requests.', [], headers),
  lengthRequired: () => new SandboxError(411, 'E0000029', 'Length Required'),
};
