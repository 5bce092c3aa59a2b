import http from 'node:http';
import https from 'node:https';
import NodeEnvironment from 'jest-environment-node';

// nock's interceptor (from @mswjs/interceptors) patches node's http and https modules, which jest shares
// between the test files of one worker, and marks itself active on the file's own global only. So each file
// that loads nock wraps the previous file's wrapper: the layers pile up (in Stryker's long-lived jest, one per
// mutant run), slow every request, and let an unmatched request's error surface on a socket nobody listens to,
// taking the worker down. This environment disposes the file's interceptor when the file ends and fails loudly
// if anything else leaves the modules patched.
const INTERCEPTOR = Symbol.for('nock-interceptor');
const original = { httpRequest: http.request, httpGet: http.get, httpsRequest: https.request, httpsGet: https.get };

export default class NockFreeEnvironment extends NodeEnvironment {
  override async teardown(): Promise<void> {
    (this.global as unknown as Record<symbol, { dispose(): void } | undefined>)[INTERCEPTOR]?.dispose();
    const patched = Object.entries({ httpRequest: http.request, httpGet: http.get, httpsRequest: https.request, httpsGet: https.get })
      .filter(([name, fn]) => fn !== original[name as keyof typeof original])
      .map(([name]) => name);
    await super.teardown();
    if (patched.length > 0) throw new Error(`a test file left node's ${patched.join(', ')} patched after it ended`);
  }
}
