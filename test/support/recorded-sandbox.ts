import { invoke } from '../../src/index';
import { CallOptions } from '../../src/core/call-options';
import { RunningSandbox, SandboxExchange, startSandbox } from '../../src/sandbox';
import { allowTestOrg } from './test-org-destination';

/**
 * A demo-org sandbox for one suite, listed as its test org, recording every exchange it answers; `run` calls an
 * operation against it and `sentDuring` says which requests reached it while an action ran.
 */
export function recordedSandbox(users = 5) {
  const exchanges: SandboxExchange[] = [];
  let sandbox: RunningSandbox | undefined;
  let revoke = () => undefined as void;
  beforeAll(async () => {
    sandbox = await startSandbox({ users, onExchange: (exchange) => exchanges.push(exchange) });
    revoke = allowTestOrg(sandbox.url);
  });
  afterAll(async () => {
    revoke();
    await sandbox?.close();
  });
  const started = (): RunningSandbox => {
    if (!sandbox) throw new Error('the sandbox starts in beforeAll');
    return sandbox;
  };
  const auth = () => ({ domain: started().url, api_token: started().token });
  return {
    exchanges,
    get sandbox() {
      return started();
    },
    auth,
    run: (operation: string, input: unknown, options: Omit<CallOptions, 'signal'> = {}): Promise<any> => invoke(operation, input, { ...options, auth: auth() }),
    /** `METHOD path` of each request the sandbox answered while `action` ran (its failure is ignored). */
    async sentDuring(action: () => Promise<unknown>): Promise<string[]> {
      const before = exchanges.length;
      await action().catch(() => undefined);
      return exchanges.slice(before).map((e) => `${e.method} ${e.path}`);
    },
  };
}
