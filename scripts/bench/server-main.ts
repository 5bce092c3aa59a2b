/** Runs the Okta stand-in in its own process (its own core), prints its origin, stops when stdin closes. */
import { startOktaServer } from './okta-server';

void startOktaServer().then((server) => {
  process.stdout.write(`${server.origin}\n`);
  process.stdin.resume();
  process.stdin.on('end', () => void server.close().then(() => process.exit(0)));
});
