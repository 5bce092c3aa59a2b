import { spawn } from 'node:child_process';
import path from 'node:path';
import { rawRequest } from './support/service-process';

const root = path.resolve(__dirname, '../..');

test('npm start is one process: a kill of the pid npm start gave stops the service and frees the port', async () => {
  const env: NodeJS.ProcessEnv = { ...process.env, PORT: '0', HOST: '127.0.0.1', SANDBOX_USERS: '5' };
  for (const key of Object.keys(env)) if (/^(OKTA_|CONNECTOR_)/.test(key)) delete env[key];
  const npm = spawn('npm', ['start', '--silent'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const exit = new Promise<number | null>((resolve) => npm.once('exit', (code) => resolve(code)));
  try {
    let stdout = '';
    const url = await new Promise<string>((resolve, reject) => {
      npm.stdout!.on('data', (chunk) => {
        stdout += chunk;
        const found = /service on (http:\/\/\S+)/.exec(stdout);
        if (found) resolve(found[1]);
      });
      void exit.then(() => reject(new Error(`exited before listening: ${stdout}`)));
    });
    npm.stderr!.resume();
    expect(stdout).toContain(`curl -X POST ${url}/operations/get_user/call -H 'Content-Type: application/json'`);
    expect(JSON.parse((await rawRequest(`${url}/healthz`)).body)).toEqual({ status: 'ok' });
    npm.kill('SIGTERM');
    await exit;
    await expect(rawRequest(`${url}/healthz`)).rejects.toThrow(/ECONNREFUSED/);
  } finally {
    if (npm.exitCode === null) npm.kill('SIGKILL');
  }
}, 30_000);
