import { ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

export interface ServiceCopy {
  url: string;
  child: ChildProcess;
}

const ROOT = path.resolve(__dirname, '../..');

/** Starts one connector service process (`src/server/main.ts`, TypeScript loaded in-process) and waits for its URL. */
function startCopy(index: number, env: NodeJS.ProcessEnv): Promise<ServiceCopy> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], { cwd: ROOT, env: { ...process.env, ...env, PORT: '0', HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error(`copy ${index} did not start within 60 s: ${stderr.slice(-500)}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = /service on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (match) {
        clearTimeout(timer);
        child.stdout!.removeAllListeners('data');
        child.stdout!.resume();
        resolve({ url: match[1], child });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`copy ${index} exited with ${code}: ${stderr.slice(-500)}`));
    });
  });
}

export async function startCopies(count: number, env: NodeJS.ProcessEnv): Promise<ServiceCopy[]> {
  const started = await Promise.allSettled(Array.from({ length: count }, (_, i) => startCopy(i, env)));
  const copies = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const failed = started.find((s) => s.status === 'rejected');
  if (failed) {
    await stopCopies(copies);
    throw (failed as PromiseRejectedResult).reason;
  }
  return copies;
}

/** SIGTERM (the service drains and exits), SIGKILL for any copy still there after 10 s. */
export async function stopCopies(copies: ServiceCopy[]): Promise<void> {
  await Promise.all(
    copies.map(({ child }) => {
      if (child.exitCode !== null || child.signalCode !== null) return undefined;
      return new Promise<void>((resolve) => {
        const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(kill);
          resolve();
        });
        child.kill('SIGTERM');
      });
    }),
  );
}
