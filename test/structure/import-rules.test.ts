import { spawnSync } from 'node:child_process';
import path from 'node:path';

// The direction of imports is a lint rule (eslint.config.mjs); these prove it refuses what it should.
// ESLint loads its ESM config with a dynamic import, which jest's VM cannot do: lint in one child process.
const root = path.resolve(__dirname, '../..');
const LINT_CASES = `
const { ESLint } = require('eslint');
const cases = JSON.parse(process.argv[1]);
const eslint = new ESLint({ cwd: process.cwd() });
Promise.all(cases.map(async ([file, specifier]) => {
  const [result] = await eslint.lintText("import { x } from '" + specifier + "';\\nexport const y = x;\\n", { filePath: file });
  return result.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
})).then((all) => process.stdout.write(JSON.stringify(all)));
`;

const refused: Array<[string, string, string]> = [];
const allowed: Array<[string, string]> = [];
let verdicts: string[][] = [];

beforeAll(() => {
  const cases = [...refused.map(([file, spec]) => [file, spec]), ...allowed];
  const run = spawnSync(process.execPath, ['-e', LINT_CASES, JSON.stringify(cases)], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(run.stderr);
  verdicts = JSON.parse(run.stdout) as string[][];
}, 60_000);

const importErrors = (file: string, specifier: string): string[] => {
  const index = [...refused.map(([f, s]) => `${f} ${s}`), ...allowed.map(([f, s]) => `${f} ${s}`)].indexOf(`${file} ${specifier}`);
  return verdicts[index];
};

refused.push(
  ['operations/get_user/handler.ts', '../../src/runtime/handler-kinds', "Handlers import only from '../../src/sdk'"],
  ['operations/get_user/handler.ts', '../../src/http/okta-errors', "Handlers import only from '../../src/sdk'"],
  ['operations/get_user/handler.ts', 'axios', 'Only src/http talks HTTP'],
  ['src/http/okta-client.ts', '../auth/api-token', 'src/http may import only src/core'],
  ['src/runtime/dispatch.ts', '../server/router', 'src/runtime may import only'],
  ['src/runtime/registry.ts', '../../scripts/generate-docs', 'never imports build scripts'],
  ['src/okta/user-body.ts', '../cli/main', 'src/okta may import only'],
  ['src/core/errors.ts', '../runtime/registry', 'src/core may import only nothing else'],
  ['src/sandbox/index.ts', '../runtime/errors', 'The sandbox imports nothing from the connector'],
  ['src/sandbox/users/routes.ts', '../../core/errors', 'The sandbox imports nothing from the connector'],
  ['src/index.ts', './server/router', 'exports the runtime, not the service'],
);
test.each(refused)('%s may not import %s', (file, specifier, message) => {
  const errors = importErrors(file, specifier);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toContain(message);
});

allowed.push(
  ['operations/get_user/handler.ts', '../../src/sdk'],
  ['src/http/okta-client.ts', 'axios'],
  ['src/auth/api-token.ts', '../http/org-url'],
  ['src/sandbox/users/routes.ts', '../core/org'],
  ['src/server/main.ts', '../sandbox'],
);
test.each(allowed)('%s may import %s', (file, specifier) => {
  expect(importErrors(file, specifier)).toEqual([]);
});
