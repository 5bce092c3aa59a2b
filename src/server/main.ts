import { allowDestinations } from '../http/destination-policy';
import { RunningSandbox, SANDBOX_PASS_CODE, startSandbox } from '../sandbox';
import path from 'node:path';
import { validateRegistry } from '../runtime/registry';
import { getTriggerRegistry } from '../triggers/trigger-registry';
import { closeRateBudget, rateBudgetConfig } from '../http/rate-governor';
import { ConnectorCatalog } from './connector-catalog';
import { startServer } from './http-server';
import { SubscriptionStore } from './subscription-store';
import { serviceConfigFromEnv, ServiceConfig } from './service-config';

function banner(config: ServiceConfig, url: string, operations: number, sandbox: RunningSandbox | undefined): string {
  const mode = config.tenancy === 'multi'
    ? 'multi-tenant: every call brings its own auth (Okta org domains, plus CONNECTOR_ALLOWED_DOMAINS)'
    : sandbox
      ? `single org: the embedded sandbox at ${sandbox.url}, ${sandbox.org.users.size} demo users; factor pass code ${SANDBOX_PASS_CODE}`
      : 'single org: the org from OKTA_DOMAIN';
  const keyHeader = config.keys ? " -H 'Authorization: Bearer <key>'" : '';
  const input = config.tenancy === 'multi'
    ? `{"input":{"user_id":"me@example.com"},"auth":{"domain":"acme.okta.com","api_token":"..."}}`
    : `{"input":{"user_id":"${sandbox ? 'admin@example.com' : 'me@example.com'}"}}`;
  return [
    `Okta connector service on ${url} (${operations} operations; ${mode})`,
    config.keys
      ? `Callers: ${config.keys.size} caller key(s); every route but GET /healthz needs Authorization: Bearer <key>`
      : 'Callers: NO caller keys, so anyone on this machine can call it (local use only; set CONNECTOR_API_KEYS to require keys)',
    '',
    `  curl ${url}/healthz`,
    `  curl${keyHeader} ${url}/connector`,
    `  curl${keyHeader} ${url}/operations/get_user`,
    `  curl -X POST ${url}/operations/get_user/call${keyHeader} -H 'Content-Type: application/json' \\`,
    `       -d '${input}'`,
    `  curl -X POST ${url}/triggers/okta_event_trigger/subscriptions${keyHeader} -H 'Content-Type: application/json' \\`,
    `       -d '{"input":{"event_types":["user.lifecycle.create"]}}'     # then GET .../subscriptions/{id}/events`,
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const config = serviceConfigFromEnv(process.env);
  let defaultAuth = config.defaultAuth;
  // A single-org service without Okta settings serves an embedded sandbox org, listed explicitly as the
  // one loopback destination its credential may reach.
  let sandbox: RunningSandbox | undefined;
  if (config.sandbox) {
    sandbox = await startSandbox({ users: config.sandboxUsers });
    allowDestinations(new URL(sandbox.url).host);
    defaultAuth = { domain: sandbox.url, api_token: sandbox.token };
  }
  const catalog = new ConnectorCatalog();
  // Fail at start, not on the first request, when an operation folder is broken.
  const operations = catalog.connector().operations.length;
  validateRegistry(); // compiles every operation's schemas: a malformed one stops the start, and no call pays for it
  getTriggerRegistry().compileAll();
  // Trigger subscriptions survive a restart in DATA_DIR (default ./data); PUBLIC_URL is where Okta reaches the service.
  const triggers = { store: new SubscriptionStore(path.join(process.env.DATA_DIR || 'data', 'subscriptions.json')), publicUrl: process.env.PUBLIC_URL || undefined };
  const rateBudget = rateBudgetConfig(); // CONNECTOR_REDIS_URL and friends: a bad setting stops the start
  const running = await startServer({
    port: config.port,
    host: config.host,
    tenancy: config.tenancy,
    defaultAuth,
    keys: config.keys,
    allowedHosts: config.allowedHostEntries,
    connectionLimits: config.connectionLimits,
    maxBodyBytes: config.maxBodyBytes,
    inputLimits: config.inputLimits,
    catalog,
    triggers,
  });
  process.stdout.write(banner(config, running.url, operations, sandbox));
  process.stdout.write(`Rate budget: ${rateBudget.redisUrl ? 'shared with every copy on Redis (CONNECTOR_REDIS_URL)' : 'this process alone'}\n`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second signal: stop now
    stopping = true;
    process.stderr.write(`${JSON.stringify({ level: 'info', event: 'shutdown', signal, graceMs: config.graceMs })}\n`);
    void running
      .close(config.graceMs)
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
