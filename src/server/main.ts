import { authFromEnv } from '../cli/auth-from-env';
import { listOperations } from '../dispatch';
import { ConnectorCatalog } from './connector-catalog';
import { DEFAULT_GRACE_MS, startServer } from './http-server';

function port(value: string | undefined): number {
  if (value === undefined || value === '') return 8080;
  if (!/^\d+$/.test(value) || Number(value) > 65535) throw new Error(`PORT must be a port number, got "${value}"`);
  return Number(value);
}

async function main(): Promise<void> {
  const defaultAuth = authFromEnv(process.env);
  const catalog = new ConnectorCatalog();
  // Fail at start, not on the first request, when an operation folder is broken.
  const operations = catalog.connector().operations.length;
  listOperations(); // loads the registry that calls use, so the first call is not the slow one
  const running = await startServer({ port: port(process.env.PORT), host: process.env.HOST || '127.0.0.1', defaultAuth, catalog });
  const { url } = running;
  process.stdout.write(
    [
      `Okta connector service on ${url} (${operations} operations; default credential: ${defaultAuth ? 'from environment' : 'none, send "auth" with each call'})`,
      '',
      `  curl ${url}/healthz`,
      `  curl ${url}/connector`,
      `  curl ${url}/operations/get_user`,
      `  curl -X POST ${url}/operations/get_user/call -H 'Content-Type: application/json' \\`,
      `       -d '{"input":{"user_id":"me@example.com"}${defaultAuth ? '' : ',"auth":{"domain":"acme.okta.com","api_token":"..."}'}}'`,
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) process.exit(1); // a second signal: stop now
    stopping = true;
    process.stderr.write(`${JSON.stringify({ level: 'info', event: 'shutdown', signal, graceMs: DEFAULT_GRACE_MS })}\n`);
    void running.close(DEFAULT_GRACE_MS).then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((error: unknown) => {
  process.stderr.write(`Cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
