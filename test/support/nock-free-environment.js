// Plain CommonJS: Stryker's jest runner loads a project's test environment with a bare require().
const http = require('node:http');
const https = require('node:https');
const NodeEnvironment = require('jest-environment-node').default;

// nock's interceptor (from @mswjs/interceptors) patches node's http and https modules, which jest shares
// between the test files of one worker, and marks itself active on the file's own global only. So each file
// that loads nock wraps the previous file's wrapper: the layers pile up (in Stryker's long-lived jest, one per
// mutant run), slow every request, and let an unmatched request's error surface on a socket nobody listens to,
// taking the worker down. This environment disposes the file's interceptor when the file ends and fails loudly
// if anything else leaves the modules patched.
const INTERCEPTOR = Symbol.for('nock-interceptor');
const entryPoints = () => ({ 'http.request': http.request, 'http.get': http.get, 'https.request': https.request, 'https.get': https.get });
const original = entryPoints();

class NockFreeEnvironment extends NodeEnvironment {
  async teardown() {
    this.global[INTERCEPTOR]?.dispose();
    const patched = Object.entries(entryPoints())
      .filter(([name, fn]) => fn !== original[name])
      .map(([name]) => name);
    await super.teardown();
    if (patched.length > 0) throw new Error(`a test file left node's ${patched.join(', ')} patched after it ended`);
  }
}

module.exports = NockFreeEnvironment;
