import { Browser, chromium } from 'playwright-core';
import { allowDestinations } from '../../src/http/destination-policy';
import { RunningSandbox, startSandbox } from '../../src/sandbox';
import { RunningServer, startServer } from '../../src/server/http-server';

/** Debian's Chromium (playwright's own browser builds cannot be downloaded here). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export interface Playground {
  sandbox: RunningSandbox;
  server: RunningServer;
  browser: Browser;
  url: string;
  close(): Promise<void>;
}

/**
 * The service on a free loopback port against a fresh sandbox org, and one headless Chromium for a suite
 * (playwright gives each launch a fresh temporary profile, its --user-data-dir).
 */
export async function startPlayground(options: { users?: number } = {}): Promise<Playground> {
  const sandbox = await startSandbox({ users: options.users ?? 12 });
  // The credential may reach this one loopback org, as main.ts allows its own sandbox.
  const disallow = allowDestinations(new URL(sandbox.url).host);
  const server = await startServer({ port: 0, defaultAuth: { domain: sandbox.url, api_token: sandbox.token }, logger: () => undefined });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
      '--headless',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    sandbox,
    server,
    browser,
    url: server.url,
    async close() {
      await browser.close();
      await server.close(100);
      await sandbox.close();
      disallow();
    },
  };
}

/** Retries an assertion until it holds or `timeoutMs` passes (the page fills fields asynchronously). */
export async function eventually(assertion: () => Promise<void> | void, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await assertion();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
