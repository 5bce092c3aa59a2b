import { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { allowDestinations } from '../../src/http/destination-policy';

/**
 * Local fakes of Okta listen on 127.0.0.1, which the destination policy refuses by default. A test opts
 * in the way an operator would: by listing exactly that host:port (a server, a port or a URL), and takes
 * it back when the fake closes.
 */
export function allowTestOrg(where: Server | number | string): () => void {
  const port = typeof where === 'number' ? where : typeof where === 'string' ? Number(new URL(where).port) : (where.address() as AddressInfo).port;
  return allowDestinations(`127.0.0.1:${port}`);
}

/** Starts `server` on 127.0.0.1 as an allowed test org; `close` takes the allowance back and stops the server. */
export async function listenAsTestOrg(server: Server): Promise<{ origin: string; close: () => Promise<void> }> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const revoke = allowTestOrg(server);
  const close = async () => {
    revoke();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  };
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close };
}
