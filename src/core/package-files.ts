import fs from 'node:fs';
import path from 'node:path';

/** The package root (where connector.json lives), from src/ under ts-jest or dist/src/ when built. */
export function packageRoot(): string {
  let dir = __dirname;
  for (let i = 0; i < 5; i++) {
    if (fs.existsSync(path.join(dir, 'connector.json'))) return dir;
    dir = path.dirname(dir);
  }
  throw new Error(`connector.json not found above ${__dirname}`);
}

export const readJson = <T = unknown>(file: string): T => JSON.parse(fs.readFileSync(file, 'utf8')) as T;
