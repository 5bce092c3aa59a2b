import { Locator, Page } from 'playwright-core';
import { getRegistry } from '../../src/runtime/registry';
import { eventHookState } from '../../src/sandbox/hooks/event-hooks';
import { eventually, Playground, startPlayground } from './browser';

jest.setTimeout(60_000);

let pg: Playground;
let page: Page;

beforeAll(async () => {
  pg = await startPlayground();
});
afterAll(() => pg?.close());

beforeEach(async () => {
  page = await pg.browser.newPage();
  await page.goto(`${pg.url}/`);
});
afterEach(() => page.close());

const users = () => [...pg.sandbox.org.users.values()] as Array<{ id: string; status: string; type?: { id: string }; profile: Record<string, string> }>;
const activeUser = () => users().find((u) => u.status === 'ACTIVE' && u.profile.login !== 'admin@example.com')!;

async function open(search: string, title: string): Promise<void> {
  await page.getByLabel('Search operations').fill(search);
  await page.getByRole('button', { name: title, exact: true }).click();
  await page.getByRole('heading', { name: title, level: 2 }).waitFor();
}

/** A lookup dropdown once its DDL answered. */
async function loaded(select: Locator): Promise<Locator> {
  await eventually(async () => expect(await select.getAttribute('data-state')).toBe('ready'));
  return select;
}

async function optionTexts(select: Locator): Promise<string[]> {
  return (await select.locator('option').allTextContents()).slice(1);
}

/** Picks the option whose label contains `text`. */
async function pick(select: Locator, text: string): Promise<void> {
  const value = await (await loaded(select)).locator('option', { hasText: text }).first().getAttribute('value');
  await select.selectOption(value!);
}

test('the search box finds an operation by its words, grouped, and opens its form', async () => {
  const search = page.getByLabel('Search operations');
  await search.fill('group');
  const groups = page.getByRole('navigation', { name: 'Operations' }).getByRole('region');
  // A group-to-app assignment is about applications; every other match is about groups.
  expect(await groups.evaluateAll((sections) => sections.map((s) => s.getAttribute('aria-label')))).toEqual(['Groups', 'Applications']);
  const listed = await page.getByRole('region', { name: 'Groups' }).getByRole('button').allTextContents();
  expect(listed).toEqual(expect.arrayContaining(['Add user to group', 'Remove user from group', 'List group members', 'Create group']));
  await search.fill('group member');
  expect(await page.getByRole('region', { name: 'Groups' }).getByRole('button').allTextContents()).toEqual(['List group members']);
  expect(listed).not.toContain('Get user');

  await search.fill('');
  const all = await groups.evaluateAll((sections) => sections.map((s) => s.getAttribute('aria-label')));
  expect(all).toEqual(['Users', 'Groups', 'Factors', 'Schemas and types', 'Applications', 'System Log', 'Advanced']);

  await open('get user', 'Get user');
  expect(await page.getByLabel('Include blocks').isChecked()).toBe(false); // the schema's default
  await expect(page.getByText("Also return the user's unknown-device blocks").count()).resolves.toBe(1); // description as help
});

test('fills and runs Get user against the sandbox and shows the user in Output', async () => {
  await open('get user', 'Get user');
  const user = activeUser();
  await pick(page.getByLabel(/^User\*?$/), user.profile.login);
  await page.getByRole('button', { name: 'Run' }).click();
  const output = page.getByRole('region', { name: 'Output' });
  await output.waitFor();
  const shown = JSON.parse((await output.locator('pre').textContent())!);
  expect(shown).toMatchObject({ id: user.id, profile: { login: user.profile.login } });
});

test('a lookup dropdown is filled from its DDL: the groups in Add user to group', async () => {
  await open('add user to group', 'Add user to group');
  const select = await loaded(page.getByLabel(/^Group\*?$/));
  const oktaGroups = [...pg.sandbox.org.groups.values()].filter((g: any) => g.type === 'OKTA_GROUP').map((g: any) => g.profile.name as string);
  const texts = await optionTexts(select);
  expect(texts.length).toBe(oktaGroups.length);
  for (const name of oktaGroups) expect(texts.some((t) => t.includes(name))).toBe(true);

  // Where the DDL takes a search term, typing narrows the list.
  const user = activeUser();
  await page.getByLabel(/^Search User/).fill(user.profile.lastName);
  await eventually(async () => {
    const matches = await optionTexts(page.getByLabel(/^User\*?$/));
    expect(matches.length).toBeGreaterThan(0);
    for (const text of matches) expect(text.toLowerCase()).toContain(user.profile.lastName.toLowerCase());
  });
});

test('a DDL error is shown on its field, not as an empty list', async () => {
  await page.route('**/operations/list_groups_ddl/call', (route) =>
    route.fulfill({ status: 502, contentType: 'application/json', body: JSON.stringify({ outcome: 'error', error: { type: 'api_error', message: 'Okta answered 500' } }) }),
  );
  await open('add user to group', 'Add user to group');
  const select = page.getByLabel(/^Group\*?$/);
  await eventually(async () => expect(await select.getAttribute('aria-invalid')).toBe('true'));
  const describedBy = await select.getAttribute('aria-describedby');
  expect(await page.locator(`[id="${describedBy}"]`).textContent()).toContain('Okta answered 500');
});

test('a dependent dropdown: the factors are those of the picked user, re-filled when the user changes', async () => {
  await open('get factor', 'Get factor');
  const factorSelect = page.getByLabel(/^Factor\*?$/);
  expect(await factorSelect.locator('option').first().textContent()).toBe('Choose User first');
  const factorsOf = (u: { id: string }) => [...(pg.sandbox.org.factors.get(u.id)?.keys() ?? [])].sort();
  const active = users().filter((u) => u.status === 'ACTIVE');
  const withFactors = active.find((u) => factorsOf(u).length > 0)!;
  const without = active.find((u) => factorsOf(u).length === 0)!;
  for (const user of [withFactors, without, withFactors]) {
    await pick(page.getByLabel(/^User\*?$/), user.profile.login);
    await eventually(async () => {
      await loaded(factorSelect);
      const values = await factorSelect.locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value).filter(Boolean));
      expect(values.sort()).toEqual(factorsOf(user));
    });
  }
});

test("picking a user type shows that type's custom attributes as typed fields", async () => {
  await open('create user', 'Create user');
  // The sandbox's default type: Badge ID (text) and Region (a select with its labels).
  await page.getByLabel('Badge ID').waitFor();
  expect(await page.getByLabel('Badge ID').evaluate((e) => e.tagName)).toBe('INPUT');
  expect(await optionTexts(page.getByLabel('Region'))).toEqual(['Americas', 'Europe, Middle East and Africa', 'Asia Pacific']);
  expect(await page.getByLabel('Agency').count()).toBe(0);

  expect(await page.getByLabel(/^Password/).getAttribute('type')).toBe('password'); // format: password
  // An array of lookups: each added group is a dropdown filled by list_groups_ddl.
  await page.getByRole('button', { name: 'Add' }).first().click();
  expect((await optionTexts(await loaded(page.locator('#root_group_ids_0')))).length).toBeGreaterThan(0);
  // `advanced` fields are folded away until asked for.
  expect(await page.getByLabel(/^User type\*?$/).isVisible()).toBe(false);
  await page.getByText('Advanced: Create User Input').click();
  await pick(page.getByLabel(/^User type\*?$/), 'Contractor');
  await page.getByLabel(/^Agency/).waitFor();
  expect(await page.locator('label', { hasText: 'Agency' }).textContent()).toBe('Agency*'); // required for contractors
  expect(await page.getByLabel('Badge ID').count()).toBe(0);
});

test('a validation error from the service highlights its fields', async () => {
  await open('create user', 'Create user');
  await page.getByLabel(/^Login/).fill('someone@example.com');
  await page.getByRole('button', { name: 'Run' }).click();
  const alert = page.getByRole('region', { name: 'Output: error' }).getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toContain('user_input_error');
  const emailGroup = page.locator('.form-group', { has: page.locator('#root_profile_email') }).last();
  await eventually(async () => expect(await emailGroup.getAttribute('class')).toContain('has-error'));
  expect(await emailGroup.textContent()).toContain('is required');
  const loginGroup = page.locator('.form-group', { has: page.locator('#root_profile_login') }).last();
  expect(await loginGroup.getAttribute('class')).not.toContain('has-error');
});

test('a dry run checks the call and changes nothing', async () => {
  await open('create user', 'Create user');
  const login = `dry.${Date.now()}@example.com`;
  for (const [label, value] of [[/^Login/, login], [/^Email/, login], [/^First name/, 'Dry'], [/^Last name/, 'Run']] as const) await page.getByLabel(label).fill(value);
  await page.getByRole('checkbox', { name: /Dry run/ }).check();
  await page.getByRole('button', { name: 'Run' }).click();
  await page.getByRole('region', { name: 'Output' }).waitFor();
  expect(users().some((u) => u.profile.login === login)).toBe(false);
});

async function openTrigger(search: string, title: string): Promise<void> {
  await page.getByLabel('Search operations').fill(search);
  await page.getByRole('navigation').getByRole('button', { name: new RegExp(`^${title.replace(/[()]/g, '\\$&')}`) }).click();
  await page.getByRole('heading', { name: title, level: 2 }).waitFor();
}

/** Creates a user through the service's API, as another tab or a workflow would. */
async function createUserByApi(login: string): Promise<void> {
  const response = await fetch(`${pg.url}/operations/create_user/call`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ input: { activate: false, profile: { login, email: login, firstName: 'Event', lastName: 'Watcher' } } }),
  });
  expect(response.status).toBe(200);
}

const eventRows = () => page.getByRole('region', { name: 'Events' }).getByRole('listitem');

test('subscribes the event trigger, watches a new user arrive in Events, unsubscribes', async () => {
  await openTrigger('okta event', 'Okta event (event hook)');
  const hooks = () => [...eventHookState(pg.sandbox.org).hooks.values()] as Array<{ id: string; status: string; events: { items: string[] } }>;
  const before = hooks().length;
  if ((await page.locator('#root_event_types_0').count()) === 0) await page.getByRole('button', { name: 'Add' }).first().click();
  await pick(page.locator('#root_event_types_0'), '(user.lifecycle.create)');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await page.getByRole('button', { name: 'Unsubscribe', exact: true }).waitFor();
  expect(hooks().length).toBe(before + 1);
  expect(hooks().at(-1)).toMatchObject({ status: 'ACTIVE', events: { items: ['user.lifecycle.create'] } });
  expect(await eventRows().count()).toBe(0);
  expect(await page.locator('#root_event_types_0').isDisabled()).toBe(true); // the input is the subscription's now

  const login = `watched.${Date.now()}@example.com`;
  await createUserByApi(login);
  await eventually(async () => expect(await eventRows().count()).toBe(1), 5_000);
  const row = await eventRows().first().textContent();
  expect(row).toContain('user.lifecycle.create');
  expect(row).toContain(login);

  await page.getByRole('button', { name: 'Unsubscribe', exact: true }).click();
  await page.getByRole('button', { name: 'Subscribe', exact: true }).waitFor();
  expect(hooks().length).toBe(before);
  await createUserByApi(`unwatched.${Date.now()}@example.com`);
  await page.waitForTimeout(500); // the sandbox batches deliveries for 100 ms
  expect(await eventRows().count()).toBe(1);

  // Leaving the trigger's view drops its subscription too: no event hook outlives the page's interest.
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await page.getByRole('button', { name: 'Unsubscribe', exact: true }).waitFor();
  expect(hooks().length).toBe(before + 1);
  await open('get user', 'Get user');
  await eventually(() => expect(hooks().length).toBe(before));

  // And so does closing or reloading the tab.
  await openTrigger('okta event', 'Okta event (event hook)');
  await pick(page.locator('#root_event_types_0'), '(user.lifecycle.create)');
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  await page.getByRole('button', { name: 'Unsubscribe', exact: true }).waitFor();
  expect(hooks().length).toBe(before + 1);
  await page.reload();
  await eventually(() => expect(hooks().length).toBe(before));
});

test('a subscribe the service refuses shows its error on the field and creates no hook', async () => {
  await openTrigger('okta event', 'Okta event (event hook)');
  const before = eventHookState(pg.sandbox.org).hooks.size;
  // No event type picked.
  await page.getByRole('button', { name: 'Subscribe', exact: true }).click();
  const alert = page.getByRole('region', { name: 'Subscription: error' }).getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toContain('user_input_error');
  expect(await alert.textContent()).toContain('event_types');
  await eventually(async () => expect(await page.locator('.form-group.has-error').count()).toBeGreaterThan(0));
  expect(await page.getByRole('button', { name: 'Unsubscribe', exact: true }).count()).toBe(0);
  expect(eventHookState(pg.sandbox.org).hooks.size).toBe(before);
});

test('polls the System Log, keeping the checkpoint between polls', async () => {
  await openTrigger('system log', 'New System Log events (polling)');
  await page.getByLabel(/^Filter/).fill('eventType eq "user.lifecycle.create"');
  const bodies: any[] = [];
  page.on('request', (r) => r.url().endsWith('/triggers/system_log_poll_trigger/poll') && bodies.push(r.postDataJSON()));
  const pollOnce = async () => {
    const done = page.waitForResponse((r) => r.url().endsWith('/poll'));
    await page.getByRole('button', { name: 'Poll', exact: true }).click();
    expect((await done).status()).toBe(200);
    await page.getByRole('button', { name: 'Poll', exact: true }).waitFor();
  };
  await pollOnce();
  const first = await eventRows().count();
  const login = `polled.${Date.now()}@example.com`;
  await createUserByApi(login);
  await pollOnce();
  await eventually(async () => expect(await eventRows().count()).toBe(first + 1));
  expect(await eventRows().last().textContent()).toContain(login);
  expect(bodies[0].checkpoint).toBeUndefined();
  expect(typeof bodies[1].checkpoint).toBe('string');
  await pollOnce();
  expect(await eventRows().count()).toBe(first + 1); // nothing new, nothing repeated
});

test("a sample's input loads into the form", async () => {
  await open('get user', 'Get user');
  const name = 'success';
  const sample = getRegistry().get('get_user')!.samples()[name];
  await page.getByText(name, { exact: true }).click();
  await page.getByRole('button', { name: `Load sample ${name} into the form` }).click();
  expect(await page.locator('#root_user_id').inputValue()).toBe((sample.input as any).user_id);
  expect(await page.getByLabel('Include blocks').isChecked()).toBe((sample.input as any).expand_blocks === true);
});

test('a three-step workflow: create a user, add them to a group, read them back, with mapped fields', async () => {
  await page.getByRole('button', { name: 'Workflow' }).click();
  const addStep = async (title: string) => {
    await page.getByLabel('Operation for the new step').selectOption({ label: title });
    await page.getByRole('button', { name: 'Add step' }).click();
  };
  await addStep('Create user');
  await addStep('Get user');
  await addStep('Add user to group');
  // Drag "Add user to group" above "Get user".
  await page.getByRole('listitem', { name: 'Step 3: Add user to group' }).locator('header').dragTo(page.getByRole('listitem', { name: 'Step 2: Get user' }));
  const stepTitles = await page.locator('.steps > li h3').allTextContents();
  expect(stepTitles).toEqual(['Step 1: Create user', 'Step 2: Add user to group', 'Step 3: Get user']);

  const step = (n: number) => page.locator('.steps > li').nth(n - 1);
  const login = `wf.${Date.now()}@example.com`;
  await step(1).getByLabel(/^Login/).fill(login);
  await step(1).getByLabel(/^Email/).fill(login);
  await step(1).getByLabel(/^First name/).fill('Flow');
  await step(1).getByLabel(/^Last name/).fill('Tester');
  const group = [...pg.sandbox.org.groups.values()].find((g: any) => g.type === 'OKTA_GROUP') as any;
  await pick(step(2).getByLabel(/^Group\*?$/), group.profile.name);
  for (const n of [2, 3]) {
    await step(n).getByLabel('Field to map').selectOption({ label: 'User' });
    await step(n).getByLabel('From step').selectOption({ label: 'Step 1: Create user' });
    await step(n).getByLabel('Output path').fill('id');
    await step(n).getByRole('button', { name: 'Map field' }).click();
    expect(await step(n).locator('.mapping').textContent()).toContain('User ← Step 1: Create user output id');
  }
  await page.getByRole('button', { name: 'Run workflow' }).click();
  const result = page.getByRole('region', { name: 'Step 3 result' });
  await page.locator('[aria-label="Step 3 result"], [aria-label$="result: error"]').first().waitFor();
  expect(await page.locator('[aria-label$="result: error"]').allTextContents()).toEqual([]);
  const fetched = JSON.parse((await result.locator('pre').textContent())!);
  expect(fetched.profile.login).toBe(login);
  const created = users().find((u) => u.profile.login === login)!;
  expect(fetched.id).toBe(created.id);
  expect(pg.sandbox.org.memberships.get(group.id)?.has(created.id)).toBe(true);
});

test('asks for a caller key when the service wants one and keeps it in the tab only', async () => {
  let seen: string | undefined;
  await page.route('**/connector', async (route) => {
    seen = route.request().headers().authorization;
    if (seen !== 'Bearer k-123') {
      await route.fulfill({ status: 401, headers: { 'WWW-Authenticate': 'Bearer' }, contentType: 'application/json', body: '{"outcome":"error","error":{"type":"auth_error","message":"A caller key is required"}}' });
    } else await route.continue();
  });
  await page.reload();
  await page.getByRole('textbox', { name: 'Caller key' }).fill('k-123');
  await page.getByRole('button', { name: 'Use this key' }).click();
  await page.getByLabel('Search operations').waitFor();
  expect(seen).toBe('Bearer k-123');
  expect(await page.evaluate(() => [sessionStorage.length, localStorage.length, document.cookie])).toEqual([1, 0, '']);
});
