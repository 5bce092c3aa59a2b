import { Redis } from 'ioredis';
import { closeRateBudget } from '../../src/http/rate-governor';
import { RedisServer } from '../../scripts/load/redis-server';

export interface TestRedis {
  /** The redis-server on loopback (a test may stop and start it). */
  readonly server: RedisServer;
  readonly url: string;
  /** A plain client for looking at what the stores wrote. */
  readonly inspect: Redis;
  /** Closes `store` after the test. */
  track<T extends { close(): Promise<void> }>(store: T): T;
}

/**
 * A real redis-server for the test file (or describe block) that calls this: started before its tests, emptied and
 * its tracked stores closed after each, stopped (with the process-wide rate budget closed) after all.
 */
export function useTestRedis(): TestRedis {
  let server: RedisServer | undefined;
  let inspect: Redis | undefined;
  const tracked: Array<{ close(): Promise<void> }> = [];
  beforeAll(async () => {
    server = await RedisServer.start();
    inspect = new Redis(server.url, { maxRetriesPerRequest: 1 });
  });
  afterEach(async () => {
    await Promise.all(tracked.splice(0).map((store) => store.close()));
    await inspect?.flushall().catch(() => undefined);
  });
  afterAll(async () => {
    inspect?.disconnect();
    await closeRateBudget();
    await server?.stop();
  });
  return {
    get server() {
      return server!;
    },
    get url() {
      return server!.url;
    },
    get inspect() {
      return inspect!;
    },
    track(store) {
      tracked.push(store);
      return store;
    },
  };
}
