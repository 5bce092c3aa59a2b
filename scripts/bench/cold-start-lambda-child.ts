/**
 * A fresh process's first answer from the Lambda bundle (`dist/lambda/index.js`, `npm run build`): load the one
 * file, then a `POST /operations/get_user/call` event with the default credential from the environment.
 */
export {};

const CALLER_KEY = 'bench-caller-key-0123456789abcdef';

async function main() {
  const [, origin, token] = process.argv.slice(2);
  process.env.OKTA_DOMAIN = origin;
  process.env.OKTA_API_TOKEN = token;
  process.env.CONNECTOR_API_KEYS = `bench:${CALLER_KEY}`;
  process.env.CONNECTOR_ALLOWED_DOMAINS = new URL(origin).host;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { handler } = require('../../lambda/index.js') as typeof import('../../src/server/lambda');
  const res = await handler({ httpMethod: 'POST', path: '/operations/get_user/call', headers: { 'content-type': 'application/json', authorization: `Bearer ${CALLER_KEY}` }, body: JSON.stringify({ input: { user_id: '00u00000000000000001' } }) }, {});
  if (res.statusCode !== 200 || JSON.parse(res.body).output?.id !== '00u00000000000000001') throw new Error(`the Lambda bundle answered ${res.statusCode}`);
  const cpu = process.cpuUsage();
  process.stdout.write(`${JSON.stringify({ contender: 'connector Lambda bundle', inProcessMs: performance.now(), cpuMs: (cpu.user + cpu.system) / 1000 })}\n`);
  process.exit(0);
}

main().catch((error) => {
  process.stderr.write(`${String(error?.stack ?? error)}\n`);
  process.exit(1);
});
