/**
 * `npm run build:lambda` (part of `npm run build`): one file for AWS Lambda, `dist/lambda/index.js`, exporting
 * `handler`. Everything the first call would read or compile is done here instead: the operations' JSON is
 * embedded, every input and output validator is precompiled by ajv's standalone code, handlers are imported
 * statically, and esbuild bundles the runtime with its dependencies into `connector.js`; `index.js` loads it with
 * V8's code cache (`connector.js.cache`) made here. The schemas, samples and the platform bundle (`GET /connector`)
 * are JSON files beside it, parsed only when a route describes the connector. Deploy the whole dist/lambda folder.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { buildBundle } from '../src/bundle/build-bundle';
import { packageRoot } from '../src/core/package-files';
import { Registry } from '../src/runtime/registry';
import { createAjv, loadSharedSchemas } from '../src/runtime/schema-store';

const root = packageRoot();
const out = process.env.LAMBDA_OUT_DIR ?? path.join(root, 'dist');
const work = path.join(out, 'lambda-build');
const outfile = path.join(out, 'lambda', 'connector.js');
const loaderFile = path.join(out, 'lambda', 'index.js');

async function main() {
  // An eager registry refuses a malformed operation (and checks every lookup) before anything is built.
  const registry = new Registry(root);
  const names = [...registry.operations.keys()];
  const ajv = createAjv({ code: { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` } });
  for (const schema of loadSharedSchemas(root)) ajv.addSchema(schema);
  const exportsByName: Record<string, string> = {};
  names.forEach((name, i) => {
    const op = registry.get(name)!;
    ajv.addSchema(op.inputSchema);
    ajv.addSchema(op.outputSchema);
    exportsByName[`input${i}`] = String(op.inputSchema.$id);
    exportsByName[`output${i}`] = String(op.outputSchema.$id);
  });
  fs.mkdirSync(work, { recursive: true });
  fs.writeFileSync(path.join(work, 'validators.js'), standaloneCode(ajv, exportsByName));
  const metas = Object.fromEntries(names.map((name) => [name, registry.get(name)!.meta]));
  fs.writeFileSync(path.join(work, 'operations.json'), JSON.stringify(metas));
  // The big JSON (schemas, samples, the dereferenced platform bundle) goes beside the bundle and is parsed only
  // when a route describes the connector: JSON.parse of a file is cheaper than evaluating it as code, and a call
  // never needs it.
  const details = Object.fromEntries(names.map((name) => {
    const op = registry.get(name)!;
    return [name, { inputSchema: op.inputSchema, outputSchema: op.outputSchema, samples: op.samples() }];
  }));
  fs.mkdirSync(path.dirname(outfile), { recursive: true });
  fs.writeFileSync(path.join(path.dirname(outfile), 'operations.details.json'), JSON.stringify(details));
  fs.writeFileSync(path.join(path.dirname(outfile), 'connector.bundle.json'), JSON.stringify(buildBundle(registry)));

  const rel = (file: string) => JSON.stringify(path.relative(root, file).split(path.sep).join('/').replace(/^(?!\.)/, './'));
  const entry = [
    `import { usePrebuiltRegistry } from './src/runtime/registry';`,
    `import { ConnectorCatalog } from './src/server/connector-catalog';`,
    `import { lambdaHandlerFromEnv } from './src/server/lambda';`,
    `import * as validators from ${rel(path.join(work, 'validators.js'))};`,
    `import operations from ${rel(path.join(work, 'operations.json'))};`,
    `import { execFileSync } from 'node:child_process';
import fs from 'node:fs';`,
    `import path from 'node:path';`,
    `import { getRegistry } from './src/runtime/registry';`,
    ...names.map((name, i) => `import handler${i} from './operations/${name}/handler';`),
    `const v = validators as Record<string, any>;`,
    `const metas = operations as Record<string, any>;`,
    `const readBeside = (file: string) => JSON.parse(fs.readFileSync(path.join(__dirname, file), 'utf8'));`,
    `let details: Record<string, any> | undefined;`,
    `const detailsOf = (name: string) => (details ??= readBeside('operations.details.json'))[name];`,
    `usePrebuiltRegistry([${names.map((name, i) => `{ meta: metas[${JSON.stringify(name)}], validateInput: v.input${i}, validateOutput: v.output${i}, handler: handler${i}, details: () => detailsOf(${JSON.stringify(name)}) }`).join(', ')}]);`,
    `/** Knows the operations from the registry, so a call does not parse the platform bundle it never sends. */`,
    `class LambdaCatalog extends ConnectorCatalog {`,
    `  override has(name: string): boolean {`,
    `    return getRegistry().get(name) !== undefined;`,
    `  }`,
    `}`,
    `let lambda: ReturnType<typeof lambdaHandlerFromEnv> | undefined;`,
    `/** The same settings as src/server/lambda.ts's handler (caller keys, tenancy, limits), read at the first invocation. */`,
    `export const handler: ReturnType<typeof lambdaHandlerFromEnv> = (event, context) => {`,
    `  lambda ??= lambdaHandlerFromEnv(process.env, { catalog: new LambdaCatalog(() => readBeside('connector.bundle.json')) });`,
    `  return lambda(event, context);`,
    `};`,
  ].join('\n');
  const result = await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: 'lambda-entry.ts', loader: 'ts' },
    bundle: true,
    // The generated validators may sit outside the package (LAMBDA_OUT_DIR): they still resolve ajv from here.
    nodePaths: [path.join(root, 'node_modules')],
    // The playground builds its page with esbuild where esbuild is installed (development); a Lambda serves no
    // playground build, and esbuild's own JS is not bundled into every cold start.
    external: ['esbuild'],
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile,
    minify: true,
    keepNames: true,
    legalComments: 'external',
    metafile: true,
    logLevel: 'warning',
  });
  await build({ entryPoints: [path.join(root, 'scripts', 'lambda', 'loader.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', outfile: loaderFile, logLevel: 'warning' });
  // The code cache: V8's compiled form of the bundle, made by loading it once (with the Node that builds it).
  execFileSync(process.execPath, ['-e', `require(${JSON.stringify(loaderFile)})`], { env: { ...process.env, LAMBDA_WRITE_CODE_CACHE: '1', CONNECTOR_REDIS_URL: '' } });
  const bytes = fs.statSync(outfile).size;
  console.log(`wrote ${path.relative(root, path.dirname(outfile))}/ (${names.length} operations; connector.js ${(bytes / 1024).toFixed(0)} KiB from ${Object.keys(result.metafile.inputs).length} modules, code cache ${(fs.statSync(`${outfile}.cache`).size / 1024).toFixed(0)} KiB)`);
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
