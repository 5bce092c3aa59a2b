import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../..');
const OKTA_ENV = Object.keys(process.env).filter((key) => key.startsWith('OKTA_'));

function startMain(): { child: ChildProcess; url: Promise<string>; output: () => string; exit: Promise<number | null> } {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1' };
  for (const key of OKTA_ENV) delete env[key];
  const child = spawn(path.join(root, 'node_modules/.bin/tsx'), ['src/server/main.ts'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  const url = new Promise<string>((resolve, reject) => {
    child.stdout!.on('data', (chunk) => {
      stdout += chunk;
      const found = /service on (http:\/\/\S+)/.exec(stdout);
      if (found) resolve(found[1]);
    });
    child.once('exit', () => reject(new Error(`exited before listening: ${stdout}`)));
  });
  child.stderr!.resume();
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, url, output: () => stdout, exit };
}

test('main.ts listens on PORT/HOST, prints curl examples, and exits 0 on SIGTERM', async () => {
  const { child, url, output, exit } = startMain();
  try {
    const base = await url;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(output()).toContain(`curl -X POST ${base}/operations/get_user/call -H 'Content-Type: application/json'`);
    await expect((await fetch(`${base}/healthz`)).json()).resolves.toEqual({ status: 'ok' });
    child.kill('SIGTERM');
    await expect(exit).resolves.toBe(0);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}, 30_000);
