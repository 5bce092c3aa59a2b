import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/**
 * The direction of imports inside src/ (README.md, "Layout"): each folder may import only the folders
 * below it. `sandbox/` stands alone: it is an Okta emulator and shares nothing with the connector.
 */
const LAYERS = {
  core: [],
  generated: [],
  http: ['core'],
  auth: ['core', 'http'],
  runtime: ['core', 'http', 'auth', 'generated'],
  okta: ['core', 'http', 'runtime', 'generated'],
  triggers: ['core', 'http', 'auth', 'runtime', 'generated'],
  sdk: ['core', 'http', 'runtime', 'okta', 'triggers', 'generated'],
  bundle: ['core', 'runtime', 'triggers'],
  server: ['core', 'http', 'auth', 'runtime', 'triggers', 'bundle', 'sandbox', 'generated', 'playground'],
  playground: ['core'],
  cli: ['core', 'http', 'auth', 'runtime', 'sandbox', 'generated'],
};
const SRC_FOLDERS = [...Object.keys(LAYERS), 'sandbox'];
const AXIOS = { name: 'axios', message: 'Only src/http talks HTTP: use the OperationContext.' };
const SCRIPTS = { regex: '^(\\.\\./)+scripts(/|$)', message: 'The runtime never imports build scripts; shared code lives in src/.' };

function restrict(patterns, paths = [AXIOS]) {
  return { 'no-restricted-imports': ['error', { paths, patterns }] };
}

function layerRules(folder, allowed) {
  const refused = SRC_FOLDERS.filter((other) => other !== folder && !allowed.includes(other));
  const patterns = [SCRIPTS];
  if (refused.length) {
    patterns.push({ regex: `^(\\.\\./)+(${refused.join('|')})(/|$)`, message: `src/${folder} may import only ${allowed.map((a) => `src/${a}`).join(', ') || 'nothing else in src/'}.` });
  }
  return { files: [`src/${folder}/**/*.ts`], rules: restrict(patterns, folder === 'http' ? [] : [AXIOS]) };
}

/** A sandbox file at depth `depth` below src/sandbox may not climb out of it. */
function sandboxRules(depth) {
  const climbOut = `^(\\.\\./){${depth + 1},}`;
  return {
    files: [`src/sandbox/${'*/'.repeat(depth)}*.ts`],
    rules: restrict([{ regex: climbOut, message: 'The sandbox imports nothing from the connector: it stands in for Okta.' }]),
  };
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'src/generated/', '.stryker-tmp*/', 'reports/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      ...restrict([]),
    },
  },
  ...Object.entries(LAYERS).map(([folder, allowed]) => layerRules(folder, allowed)),
  sandboxRules(0),
  sandboxRules(1),
  sandboxRules(2),
  {
    files: ['src/playground/browser/**/*.ts', 'src/playground/browser/**/*.tsx'],
    rules: restrict([{ regex: '^\\.\\./', message: 'The browser part is bundled into the page: it imports its own folder and npm packages only.' }]),
  },
  {
    files: ['src/index.ts'],
    rules: restrict([{ regex: '^\\./(server|cli|sandbox)(/|$)', message: 'The library entry exports the runtime, not the service or CLI.' }, SCRIPTS]),
  },
  {
    files: ['operations/*/handler.ts', 'triggers/*/handler.ts'],
    rules: restrict([{ regex: '^(?!\\.\\./\\.\\./src/sdk$)\\.', message: "Handlers import only from '../../src/sdk'." }]),
  },
  { files: ['test/**/*.ts', 'scripts/**/*.ts'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['**/*.js', '**/*.cjs'], languageOptions: { globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' } }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
