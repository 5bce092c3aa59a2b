/* global process */
// Mutation testing (`npm run mutate`, not part of `npm test`). See docs/TESTING.md.
// The machine is shared: run one area at a time, e.g.
//   npm run mutate -- --mutate 'src/http/retry-*.ts'
// MUTATE_TESTS narrows the jest suites Stryker runs (a comma-separated list of globs under test/);
// without it every suite runs, which is honest but slow.
const tests = process.env.MUTATE_TESTS?.split(',').map((glob) => `<rootDir>/test/${glob}`);
// MUTATE_COVERAGE=all runs every given test against every mutant, static ones included: for code a test loads
// lazily (the sandbox's rule tables), whose coverage Stryker's per-test analysis pins on the first test only.
const allCoverage = process.env.MUTATE_COVERAGE === 'all';
// MUTATE_NAME gives a run its own sandbox, incremental file and report, so two areas can be measured side by side.
const run = process.env.MUTATE_NAME ? `-${process.env.MUTATE_NAME}` : '';

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'jest',
  jest: {
    projectType: 'custom',
    configFile: 'jest.config.js',
    ...(tests ? { config: { testMatch: tests } } : {}),
  },
  checkers: ['typescript'],
  // Type-check mutants against src only: the whole project (tests, scripts) is many times slower to check.
  tsconfigFile: 'tsconfig.stryker.json',
  typescriptChecker: { prioritizePerformanceOverAccuracy: true },
  coverageAnalysis: allCoverage ? 'all' : 'perTest',
  // Static mutants (module-level constants) rerun every test for each mutant; docs/TESTING.md lists them as not measured.
  ignoreStatic: !allCoverage,
  mutate: [
    'src/http/**/*.ts',
    'src/auth/**/*.ts',
    'src/runtime/dispatch.ts',
    'src/runtime/validation.ts',
    'src/runtime/dry-run.ts',
    'src/runtime/input-limits.ts',
    'src/server/caller-keys.ts',
    'src/sandbox/users/user-status.ts',
    'src/sandbox/users/user-lifecycle.ts',
  ],
  ignorePatterns: ['dist', 'coverage', 'reports', 'data', '.jest-results.json', '.stryker-tmp*'],
  incremental: true,
  incrementalFile: `reports/stryker-incremental${run}.json`,
  concurrency: 2,
  timeoutMS: 20000,
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: `reports/mutation/mutation${run}.json` },
  thresholds: { high: 85, low: 75, break: null },
  tempDirName: `.stryker-tmp${run}`,
  cleanTempDir: true,
};
