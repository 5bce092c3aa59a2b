/** What the HTTP client needs from a credential. Implementations never expose the secret itself. */
export interface AuthProvider {
  /** The org origin, e.g. `https://acme.okta.com`. */
  readonly orgUrl: string;
  /** Identifies org + credential for connection reuse, without revealing the credential. */
  readonly cacheKey: string;
  /**
   * Headers that authorise one request (`Authorization`, and `DPoP` where used): at once for a fixed credential,
   * a promise where they take work (a token request, a signed proof).
   */
  authorize(request: { method: string; url: string }): Record<string, string> | Promise<Record<string, string>>;
  /** Called on a 401; true when the credential was renewed and the request may be sent once more. */
  renewAfterUnauthorized?(response: { status: number; headers: Record<string, string>; body: unknown }): Promise<boolean>;
  /** Secrets this credential holds, so the log and error sweeps can prove they never leak. */
  readonly secrets: readonly string[];
}
