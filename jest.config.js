/** @type {import('jest').Config} */
module.exports = {
  // node, with nock's interception undone after each file; an absolute path, which Stryker's runner also resolves
  testEnvironment: require('node:path').join(__dirname, 'test/support/nock-free-environment.js'),
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  moduleFileExtensions: ['ts', 'js', 'json'],
  // Stryker's sandboxes (npm run mutate) are copies of the whole package: not modules of this one.
  modulePathIgnorePatterns: ['<rootDir>/\\.stryker-tmp'],
};
