/**
 * The connector as it was before the lean adapter, for the per-call before/after: a copy of the built runtime
 * (`dist/src`, `dist/operations`) in `dist/before-axios-http/` whose `http/lean-adapter.js` hands back axios'
 * own http adapter. Everything else is today's code, so the difference is the adapter alone.
 */
import fs from 'node:fs';
import path from 'node:path';

const DIST = path.join(__dirname, '..', '..');

export function axiosHttpVariant(): string {
  const root = path.join(DIST, 'before-axios-http');
  fs.rmSync(root, { recursive: true, force: true });
  for (const folder of ['src', 'operations']) fs.cpSync(path.join(DIST, folder), path.join(root, folder), { recursive: true });
  fs.writeFileSync(
    path.join(root, 'src', 'http', 'lean-adapter.js'),
    '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\nexports.leanHttpAdapter = require("axios").getAdapter("http");\n',
  );
  return path.join(root, 'src');
}
