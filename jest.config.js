/** @type {import('jest').Config} */
module.exports = {
  // node, with nock's interception undone after each file (test/support/nock-free-environment.ts)
  testEnvironment: '<rootDir>/test/support/nock-free-environment.ts',
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Stryker's sandboxes (npm run mutate) are copies of the whole package: not modules of this one.
  modulePathIgnorePatterns: ['<rootDir>/\\.stryker-tmp'],
};
