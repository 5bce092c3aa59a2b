import { ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

const root = path.resolve(__dirname, '../../..');

export interface ServiceProcess {
  child: ChildProcess;
  /** The URL from the start banner. */
  url: string;
  stdout(): string;
  /** stderr, one JSON object per audit line (other lines skipped). */
  logLines(): Array<Record<string, unknown>>;
  stderr(): string;
  exit: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** The environment of a test service: nothing inherited from OKTA_* or CONNECTOR_*, PORT 0 on loopback. */
function cleanEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', SANDBOX_USERS: '5' };
  for (const key of Object.keys(base)) if (/^(OKTA_|CONNECTOR_|PUBLIC_URL$)/.test(key)) delete base[key];
  return { ...base, ...env };
}

/** Runs `node --import tsx src/server/main.ts` (what `npm start` execs) with the given settings. */
export function spawnService(env: NodeJS.ProcessEnv = {}): { child: ChildProcess; out: () => string; err: () => string; exit: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: root, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stdout!.on('data', (chunk) => (out += chunk));
  child.stderr!.on('data', (chunk) => (err += chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, out: () => out, err: () => err, exit };
}

export async function startService(env: NodeJS.ProcessEnv = {}): Promise<ServiceProcess> {
  const { child, out, err, exit } = spawnService(env);
  const url = await new Promise<string>((resolve, reject) => {
    const onData = () => {
      const found = /service on (http:\/\/\S+)/.exec(out());
      if (found) {
        child.stdout!.off('data', onData);
        resolve(found[1]);
      }
    };
    child.stdout!.on('data', onData);
    void exit.then((code) => reject(new Error(`the service exited (${code}) before listening: ${err()}`)));
  });
  const logLines = () =>
    err()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  const stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    return exit;
  };
  return { child, url, stdout: out, stderr: err, logLines, exit, stop };
}

export interface RawAnswer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request with full control of the headers (fetch refuses to set Host). */
export function rawRequest(url: string, init: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<RawAnswer> {
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname + target.search, method: init.method ?? 'GET', headers: init.headers, agent: false },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk) => (body += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(init.body);
  });
}
