/**
 * `dist/lambda/index.js`: loads the bundle (`connector.js` beside it) with V8's code cache made at build time
 * (`connector.js.cache`), so a cold Lambda skips most of the compilation of its one big file. A cache made by
 * another Node/V8 version is rejected by V8 and the file is compiled as usual: the cache can only save time.
 */
import fs from 'node:fs';
import Module from 'node:module';
import path from 'node:path';
import vm from 'node:vm';

const file = path.join(__dirname, 'connector.js');
let cachedData: Buffer | undefined;
try {
  cachedData = fs.readFileSync(`${file}.cache`);
} catch {
  cachedData = undefined;
}
const script = new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), { filename: file, cachedData });
const bundle: { exports: Record<string, unknown> } = { exports: {} };
(script.runInThisContext() as (...args: unknown[]) => void).call(bundle.exports, bundle.exports, require, bundle, file, __dirname);

if (process.env.LAMBDA_WRITE_CODE_CACHE === '1') fs.writeFileSync(`${file}.cache`, script.createCachedData());

export const handler = bundle.exports.handler;
