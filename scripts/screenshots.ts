/**
 * Rewrites the playground screenshots in docs/playground/ (`npm run screenshots`): the service against a fresh
 * sandbox org, Debian's Chromium driven by playwright-core, one picture per main view.
 */
import fs from 'node:fs';
import path from 'node:path';
import { Page } from 'playwright-core';
import { startPlayground } from '../test/playground/browser';

const OUT = path.join(__dirname, '..', 'docs', 'playground');

async function open(page: Page, search: string, title: string): Promise<void> {
  await page.getByLabel('Search operations').fill(search);
  await page.getByRole('button', { name: title, exact: true }).click();
  await page.getByRole('heading', { name: title, level: 2 }).waitFor();
}

/** Picks the first option of a lookup dropdown, or the one whose label holds `text`. */
async function pick(page: Page, label: RegExp, scope = page.locator('main'), text?: string): Promise<void> {
  const select = scope.getByLabel(label).first();
  await page.waitForFunction((el) => (el as HTMLElement).dataset.state === 'ready', await select.elementHandle());
  if (text) await select.selectOption((await select.locator('option', { hasText: text }).first().getAttribute('value'))!);
  else await select.selectOption({ index: 1 });
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const pg = await startPlayground({ users: 20 });
  const page = await pg.browser.newPage({ viewport: { width: 1280, height: 900 } });
  const shot = async (name: string, fullPage = false) => {
    await page.waitForTimeout(300);
    await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
    process.stdout.write(`docs/playground/${name}.png\n`);
  };
  try {
    await page.goto(`${pg.url}/`);
    await page.getByLabel('Search operations').waitFor();
    await shot('operations');

    await open(page, 'create user', 'Create user');
    await page.getByLabel('Badge ID').waitFor();
    await shot('create-user-form', true);

    await open(page, 'get factor', 'Get factor');
    const withFactors = [...pg.sandbox.org.users.values()].find((u) => (pg.sandbox.org.factors.get(u.id as string)?.size ?? 0) > 1)!;
    await pick(page, /^User\*?$/, page.locator('main'), (withFactors.profile as { login: string }).login);
    await page.waitForFunction(() => document.querySelector('#root_factor_id')?.getAttribute('data-state') === 'ready');
    await shot('dependent-dropdown');

    await open(page, 'get user', 'Get user');
    await pick(page, /^User\*?$/);
    await page.getByRole('button', { name: 'Run' }).click();
    await page.getByRole('region', { name: 'Output' }).waitFor();
    await shot('get-user-output', true);

    await page.getByText('success', { exact: true }).click();
    await page.getByRole('region', { name: 'Samples' }).scrollIntoViewIfNeeded();
    await shot('samples');

    await page.getByLabel('Search operations').fill('okta event');
    await page.getByRole('navigation').getByRole('button', { name: /^Okta event \(event hook\)/ }).click();
    if ((await page.locator('#root_event_types_0').count()) === 0) await page.getByRole('button', { name: 'Add' }).first().click();
    await pick(page, /^Event type/, page.locator('main'), '(user.lifecycle.create)');
    await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
    await page.getByRole('button', { name: 'Unsubscribe', exact: true }).waitFor();
    for (const who of ['ada', 'grace']) {
      const login = `${who}.${Date.now()}@example.com`;
      await fetch(`${pg.url}/operations/create_user/call`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ input: { activate: false, profile: { login, email: login, firstName: who, lastName: 'Hire' } } }),
      });
    }
    await page.waitForFunction(() => document.querySelectorAll('[aria-label="Events"] li').length >= 2);
    await shot('trigger-events', true);
    await page.getByRole('button', { name: 'Unsubscribe', exact: true }).click();
    await page.getByRole('button', { name: 'Subscribe', exact: true }).waitFor();

    await page.getByRole('button', { name: 'Workflow' }).click();
    for (const title of ['Create user', 'Add user to group', 'Get user']) {
      await page.getByLabel('Operation for the new step').selectOption({ label: title });
      await page.getByRole('button', { name: 'Add step' }).click();
    }
    const step = (n: number) => page.locator('.steps > li').nth(n - 1);
    const login = `shot.${Date.now()}@example.com`;
    await step(1).getByLabel(/^Login/).fill(login);
    await step(1).getByLabel(/^Email/).fill(login);
    await step(1).getByLabel(/^First name/).fill('Screen');
    await step(1).getByLabel(/^Last name/).fill('Shot');
    await pick(page, /^Group\*?$/, step(2));
    for (const n of [2, 3]) {
      await step(n).getByLabel('Field to map').selectOption({ label: 'User' });
      await step(n).getByLabel('From step').selectOption({ label: 'Step 1: Create user' });
      await step(n).getByLabel('Output path').fill('id');
      await step(n).getByRole('button', { name: 'Map field' }).click();
    }
    await page.getByRole('button', { name: 'Run workflow' }).click();
    await page.getByRole('region', { name: 'Step 3 result' }).waitFor();
    await shot('workflow', true);
  } finally {
    await pg.close();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
