/**
 * A fresh process's first get_user: loads one contender, makes the call, prints how long since the process
 * began (performance.now() counts from the process's time origin) and exits.
 */
async function main() {
  const [contender, origin, token] = process.argv.slice(2);
  let user: { id?: string };
  if (contender === 'connector') {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { invoke, allowDestinations } = require('../../src') as typeof import('../../src');
    allowDestinations(new URL(origin).host); // the local stand-in, listed as an operator would
    user = (await invoke('get_user', { user_id: '00u00000000000000001' }, { auth: { domain: origin, api_token: token } })) as { id: string };
  } else {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const okta = require('@okta/okta-sdk-nodejs') as typeof import('@okta/okta-sdk-nodejs');
    const client = new okta.Client({ orgUrl: origin, token, cacheMiddleware: null } as ConstructorParameters<typeof okta.Client>[0]);
    user = await client.userApi.getUser({ userId: '00u00000000000000001' });
  }
  if (user.id !== '00u00000000000000001') throw new Error(`${contender} returned the wrong user`);
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ contender, inProcessMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${String(error?.stack ?? error)}\n`);
  process.exit(1);
});
