import { spawnSync } from 'node:child_process';
import path from 'node:path';

// jest shares node's http module between the test files of one worker; nock patches it per file. Without the
// environment's teardown (test/support/nock-free-environment.ts) the second file starts on the first file's
// patch, layers pile up, and an unmatched request's error can land on a socket with no listener.
test('each test file starts on an unpatched node:http, though the one before it loaded nock', () => {
  const root = path.resolve(__dirname, '../..');
  const run = spawnSync(
    process.execPath,
    [require.resolve('jest/bin/jest'), '--runInBand', '--ci', '--testMatch', '<rootDir>/test/reliability/fixtures/nock-layer-*.ts'],
    { cwd: root, encoding: 'utf8', env: { ...process.env, CI: 'true' } },
  );
  expect(run.stderr).toMatch(/Tests:\s+2 passed, 2 total/);
  expect(run.status).toBe(0);
});
