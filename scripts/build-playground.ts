/** `npm run build`: writes dist/playground/app.js, the page's script for installs without esbuild (see src/playground/server/assets.ts). */
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { packageRoot } from '../src/core/package-files';
import { buildBrowserBundle, PREBUILT_SCRIPT } from '../src/playground/server/assets';

async function main(): Promise<void> {
  const root = packageRoot();
  const target = path.join(root, PREBUILT_SCRIPT);
  const code = await buildBrowserBundle(esbuild, root);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, code);
  console.log(`wrote ${PREBUILT_SCRIPT} (${Math.round(code.length / 1024)} KiB)`);
}

void main();
