/** The credential the CLI uses when `--auth` is not given: OKTA_DOMAIN plus OKTA_API_TOKEN. */
export function authFromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> | undefined {
  const domain = env.OKTA_DOMAIN;
  if (!domain) return undefined;
  if (env.OKTA_API_TOKEN) return { domain, api_token: env.OKTA_API_TOKEN };
  return undefined;
}
