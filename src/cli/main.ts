#!/usr/bin/env node
import fs from 'node:fs';
import { describeOperation, invoke, listOperations } from '../runtime/dispatch';
import { asConnectorError, ConnectorError } from '../core/errors';
import { authFromEnv } from '../auth/auth-from-env';
import { closeRateBudget } from '../http/rate-governor';

const USAGE = `Usage: okta-connector <command>

Commands:
  list                                   List every operation (name, type, title)
  describe <operation>                   Metadata and input/output schemas of one operation
  samples <operation>                    The operation's sample payloads
  run <operation> --input <json|@file>   Run an operation against an Okta org
        [--auth <json|@file>]            Credential; default from the environment: OKTA_DOMAIN with
                                         OKTA_API_TOKEN, or with OKTA_CLIENT_ID + OKTA_PRIVATE_KEY
                                         (or OKTA_PRIVATE_KEY_FILE) [+ OKTA_KEY_ID, OKTA_SCOPES]
        [--dry-run]                      Send only the reads; print the writes it would send
        [--timeout-ms N] [--max-retries N]
        [--headroom 0.1] [--max-concurrent N] Rate-limit reserve per bucket; requests in flight per org
  sandbox [--port N] [--users N]         Serve an embedded Okta sandbox org on 127.0.0.1 until stopped

Output JSON goes to stdout; an error goes to stderr as {"error": {...}} with exit code 1.`;

class UsageError extends Error {}

/** `@file.json` reads a file; anything else is parsed as inline JSON. */
function jsonArgument(value: string | undefined, name: string): unknown {
  if (value === undefined) throw new UsageError(`${name} needs a value`);
  const text = value.startsWith('@') ? fs.readFileSync(value.slice(1), 'utf8') : value;
  try {
    return JSON.parse(text);
  } catch {
    throw new UsageError(`${name} is not valid JSON`);
  }
}

/** Flags that take no value. */
const SWITCHES = new Set(['dry-run']);

function parseFlags(args: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith('--')) throw new UsageError(`unexpected argument "${arg}"`);
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    if (SWITCHES.has(name)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      flags[name] = 'true';
      continue;
    }
    const value = inline ?? args[++i];
    if (value === undefined) throw new UsageError(`--${name} needs a value`);
    flags[name] = value;
  }
  return flags;
}

function integerFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number`);
  return Number(value);
}

function fractionFlag(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!/^\d*\.?\d+$/.test(value) || number >= 1) throw new UsageError(`--${name} must be a fraction from 0 to below 1`);
  return number;
}

async function run(argv: string[]): Promise<unknown> {
  const [command, name, ...rest] = argv;
  switch (command) {
    case 'list':
      return listOperations().map(({ name: op, type, title }) => ({ name: op, type, title }));
    case 'describe':
    case 'samples': {
      if (!name) throw new UsageError(`${command} needs an operation name`);
      const description = describeOperation(name);
      return command === 'samples' ? description.samples : description;
    }
    case 'run': {
      if (!name) throw new UsageError('run needs an operation name');
      const flags = parseFlags(rest);
      const known = new Set(['input', 'auth', 'dry-run', 'timeout-ms', 'max-retries', 'headroom', 'max-concurrent']);
      const unknown = Object.keys(flags).find((f) => !known.has(f));
      if (unknown) throw new UsageError(`unknown option --${unknown}`);
      const input = flags.input === undefined ? {} : jsonArgument(flags.input, '--input');
      const options = {
        dryRun: flags['dry-run'] !== undefined,
        timeoutMs: integerFlag(flags['timeout-ms'], 'timeout-ms'),
        maxRetries: integerFlag(flags['max-retries'], 'max-retries'),
        rateLimit: { headroom: fractionFlag(flags.headroom, 'headroom'), maxConcurrent: integerFlag(flags['max-concurrent'], 'max-concurrent') },
      };
      const auth = flags.auth === undefined ? authFromEnv(process.env) : jsonArgument(flags.auth, '--auth');
      if (!auth) throw new ConnectorError('user_input_error', 'No credential: pass --auth, or set OKTA_DOMAIN with OKTA_API_TOKEN or with OKTA_CLIENT_ID and OKTA_PRIVATE_KEY', { fields: ['auth'] });
      try {
        return await invoke(name, input, { ...options, auth });
      } finally {
        await closeRateBudget(); // a Redis connection (CONNECTOR_REDIS_URL) must not keep the CLI running
      }
    }
    default:
      throw new UsageError(command ? `unknown command "${command}"` : 'no command given');
  }
}

/** Serves the sandbox until SIGINT/SIGTERM; prints where it listens and the credential to use. */
async function serveSandbox(args: string[]): Promise<number> {
  const flags = parseFlags(args);
  const unknown = Object.keys(flags).find((f) => f !== 'port' && f !== 'users');
  if (unknown) throw new UsageError(`unknown option --${unknown}`);
  const { SANDBOX_PASS_CODE, startSandbox } = await import('../sandbox');
  const sandbox = await startSandbox({ port: integerFlag(flags.port, 'port') ?? 0, users: integerFlag(flags.users, 'users') });
  process.stdout.write(`${JSON.stringify({ url: sandbox.url, api_token: sandbox.token, users: sandbox.org.users.size, factor_pass_code: SANDBOX_PASS_CODE }, null, 2)}\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await sandbox.close();
  return 0;
}

export async function main(argv: string[]): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  try {
    if (argv[0] === 'sandbox') return await serveSandbox(argv.slice(1));
    const result = await run(argv);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`okta-connector: ${error.message}\n\n${USAGE}\n`);
      return 2;
    }
    process.stderr.write(`${JSON.stringify({ error: asConnectorError(error).toJSON() }, null, 2)}\n`);
    return 1;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
