import { authFromEnv } from '../auth/auth-from-env';
import { RunningSandbox, SANDBOX_PASS_CODE, startSandbox } from '../sandbox';
import { validateRegistry } from '../runtime/registry';
import { closeRateBudget, rateBudgetConfig } from '../http/rate-governor';
import { ConnectorCatalog } from './connector-catalog';
import { DEFAULT_GRACE_MS, startServer } from './http-server';

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new Error(`PORT must be a port number, got "${value}"`);
  return Number(value);
}

function userCount(value: string | undefined): number {
  if (value === undefined || value === '') return 60;
  if (!/^\d+$/.test(value)) throw new Error(`SANDBOX_USERS must be a whole number, got "${value}"`);
  return Number(value);
}

async function main(): Promise<void> {
  let defaultAuth = authFromEnv(process.env);
  // Without an Okta org configured, serve an embedded sandbox org so a newcomer sees the connector work.
  let sandbox: RunningSandbox | undefined;
  if (!defaultAuth) {
    sandbox = await startSandbox({ users: userCount(process.env.SANDBOX_USERS) });
    defaultAuth = { domain: sandbox.url, api_token: sandbox.token };
  }
  const catalog = new ConnectorCatalog();
  // Fail at start, not on the first request, when an operation folder is broken.
  const operations = catalog.connector().operations.length;
  validateRegistry(); // compiles every operation's schemas: a malformed one stops the start, and no call pays for it
  const rateBudget = rateBudgetConfig(); // CONNECTOR_REDIS_URL and friends: a bad setting stops the start
  const running = await startServer({ port: port(process.env.PORT), host: process.env.HOST || '127.0.0.1', defaultAuth, catalog });
  const { url } = running;
  process.stdout.write(
    [
      `Okta connector service on ${url} (${operations} operations; ${sandbox ? `Okta: embedded sandbox at ${sandbox.url}, ${sandbox.org.users.size} demo users; factor pass code ${SANDBOX_PASS_CODE}` : 'Okta: the org from OKTA_DOMAIN'}; rate budget: ${rateBudget.redisUrl ? 'shared on Redis (CONNECTOR_REDIS_URL)' : 'this process'})`,
      '',
      `  curl ${url}/healthz`,
      `  curl ${url}/connector`,
      `  curl ${url}/operations/get_user`,
      `  curl -X POST ${url}/operations/get_user/call -H 'Content-Type: application/json' \\`,
      `       -d '{"input":{"user_id":"${sandbox ? 'admin@example.com' : 'me@example.com'}"}}'`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second signal: stop now
    stopping = true;
    process.stderr.write(`${JSON.stringify({ level: 'info', event: 'shutdown', signal, graceMs: DEFAULT_GRACE_MS })}\n`);
    void running
      .close(DEFAULT_GRACE_MS)
      .then(() => sandbox?.close())
      .then(() => closeRateBudget())
      .then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
