/** The machine and the package versions the figures were taken with. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { packageRoot } from '../../src/core/package-files';

export interface MachineInfo {
  nproc: number;
  cpu: string;
  memoryGiB: number;
  node: string;
  os: string;
  packages: Record<string, string>;
}

function version(root: string, name: string): string {
  const file = name === '.' ? path.join(root, 'package.json') : path.join(root, 'node_modules', name, 'package.json');
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { version: string }).version;
}

export function machineInfo(): MachineInfo {
  const root = packageRoot();
  return {
    nproc: os.availableParallelism(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    packages: Object.fromEntries(['.', 'axios', 'ajv', 'ajv-formats', '@okta/okta-sdk-nodejs'].map((name) => [name === '.' ? 'okta-connector' : name, version(root, name)])),
  };
}
