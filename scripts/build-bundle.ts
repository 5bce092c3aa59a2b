/** `npm run build`: writes dist/connector.bundle.json, what the platform loads (see src/bundle/build-bundle.ts). */
import fs from 'node:fs';
import path from 'node:path';
import { buildBundle } from '../src/bundle/build-bundle';
import { packageRoot } from '../src/core/package-files';
import { Registry } from '../src/runtime/registry';

const root = packageRoot();
const target = path.join(root, 'dist', 'connector.bundle.json');
// An eager registry refuses a malformed operation, so nothing half-made is bundled.
const bundle = buildBundle(new Registry(root));
fs.mkdirSync(path.dirname(target), { recursive: true });
fs.writeFileSync(target, `${JSON.stringify(bundle, null, 2)}\n`);
console.log(`wrote ${path.relative(root, target)} (${bundle.operations.length} operations)`);
