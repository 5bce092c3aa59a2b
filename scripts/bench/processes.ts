/** Runs a compiled bench script in a fresh `node` process and hands back its one JSON line and the wall time. */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { nowMs } from './stats';

export async function runChild<T>(script: string, args: string[], nodeFlags: string[] = []): Promise<{ result: T; wallMs: number }> {
  const started = nowMs();
  const child = spawn(process.execPath, [...nodeFlags, path.join(__dirname, script), ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  let firstLineMs: number | undefined;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    if (firstLineMs === undefined && out.includes('\n')) firstLineMs = nowMs() - started;
  });
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  if (code !== 0 || firstLineMs === undefined) throw new Error(`${script} ${args[0]} ${args[1] ?? ''} failed (exit ${code}): ${err.trim()}`);
  return { result: JSON.parse(out.split('\n')[0]) as T, wallMs: firstLineMs };
}

/** The Okta stand-in in its own process: the bench's client gets a core to itself. */
export async function startServerProcess(): Promise<{ origin: string; stop: () => void }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'server-main.js')], { stdio: ['pipe', 'pipe', 'inherit'] });
  const origin = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes('\n')) resolve(out.trim());
    });
    child.on('exit', (code) => reject(new Error(`bench server exited (${code})`)));
  });
  return { origin, stop: () => child.stdin.end() };
}
