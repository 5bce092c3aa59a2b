/**
 * A server that reflects the request (a debugging proxy, an echo endpoint) would hand a credential back into
 * outputs, errors and logs: every secret is masked in what comes back, whatever its length. Credentials
 * refuse secrets too short to mask without mangling ordinary text (see the API token's minimum length).
 */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret.length > 0 && out.includes(secret)) out = out.split(secret).join('[redacted]');
  return out;
}

export function redactHeaders(headers: Record<string, string>, secrets: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = redactSecrets(value, secrets);
  return out;
}
