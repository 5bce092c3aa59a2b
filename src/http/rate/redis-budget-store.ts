import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { Logger } from '../../core/call-options';
import { RECORD_SCRIPT, RESERVE_SCRIPT } from './budget-scripts';
import { BucketReading } from './okta-headers';

export type Reservation = { granted: true; leaseId: string } | { granted: false; reason: 'budget' | 'slots'; waitMs: number };

export interface ReserveRequest {
  oktaNow: number;
  headroom: number;
  maxConcurrent: number;
  leaseMs: number;
}

interface BudgetCommands {
  oktaReserve(bucketKey: string, leasesKey: string, ...args: Array<string | number>): Promise<[number, number]>;
  oktaRecord(bucketKey: string, ...args: Array<string | number>): Promise<number>;
}

/** How long a command may take before this call goes on with the local governor. */
const COMMAND_TIMEOUT_MS = 250;
/** How long the first call waits for the first connection (later calls never wait for Redis). */
const FIRST_CONNECT_WAIT_MS = 1_000;
const KEY_PREFIX = 'okta-connector';

const defaultLogger: Logger = (entry) => process.stderr.write(`${JSON.stringify(entry)}\n`);

/**
 * The org budgets every copy shares, on Redis. Each operation is one atomic script. When Redis cannot answer
 * (down, unreachable, slow) the methods say so (`undefined`) instead of failing, and the governor goes on
 * locally; that is logged once per outage, and the recovery once when Redis answers again.
 */
export class RedisBudgetStore {
  private client?: Redis & BudgetCommands;
  private readonly connecting: Promise<void>;
  private degraded = false;
  private closed = false;
  private readonly leasePrefix = randomBytes(6).toString('hex');
  private leaseCount = 0;

  constructor(url: string, private readonly logger: Logger = defaultLogger) {
    this.connecting = this.connect(url);
  }

  private async connect(url: string): Promise<void> {
    const { Redis } = await import('ioredis');
    const client = new Redis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      autoResendUnfulfilledCommands: false,
      commandTimeout: COMMAND_TIMEOUT_MS,
      connectTimeout: 1_000,
      disconnectTimeout: 200,
      retryStrategy: (times) => Math.min(50 * times, 1_000),
    }) as Redis & BudgetCommands;
    client.defineCommand('oktaReserve', { numberOfKeys: 2, lua: RESERVE_SCRIPT });
    client.defineCommand('oktaRecord', { numberOfKeys: 1, lua: RECORD_SCRIPT });
    client.on('error', (error: NodeJS.ErrnoException) => this.markDown(error));
    // The connection alone never keeps a process (a CLI run, a test) alive.
    client.on('connect', () => (client as unknown as { stream?: { unref?: () => void } }).stream?.unref?.());
    this.client = client;
    if (this.closed) {
      client.disconnect();
      return;
    }
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, FIRST_CONNECT_WAIT_MS);
      client.once('ready', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private markDown(error: unknown): void {
    if (this.degraded || this.closed) return;
    this.degraded = true;
    const code = (error as NodeJS.ErrnoException)?.code ?? (error as Error)?.name ?? 'error';
    this.logger({ level: 'warn', event: 'rate_budget', message: `The shared rate budget on Redis is unavailable (${code}); calls go on with this copy's own governor until it is back` });
  }

  private markUp(): void {
    if (!this.degraded) return;
    this.degraded = false;
    this.logger({ level: 'info', event: 'rate_budget', message: 'The shared rate budget on Redis is back; calls use it again' });
  }

  /** The ready client, or undefined when Redis cannot take a command now. */
  private async ready(): Promise<(Redis & BudgetCommands) | undefined> {
    await this.connecting;
    const client = this.client;
    if (!client || this.closed) return undefined;
    if (client.status !== 'ready') {
      this.markDown({ code: client.status });
      return undefined;
    }
    return client;
  }

  private keys(org: string, bucket: string): [string, string] {
    // The braces make every key of one org hash to one slot, as scripts on Redis Cluster need.
    return [`${KEY_PREFIX}:{${org}}:bucket:${bucket}`, `${KEY_PREFIX}:{${org}}:in-flight`];
  }

  async reserve(org: string, bucket: string, request: ReserveRequest): Promise<Reservation | undefined> {
    const client = await this.ready();
    if (!client) return undefined;
    const leaseId = `${this.leasePrefix}:${++this.leaseCount}`;
    const [bucketKey, leasesKey] = this.keys(org, bucket);
    try {
      const [code, waitMs] = await client.oktaReserve(bucketKey, leasesKey, request.oktaNow, request.headroom, request.maxConcurrent, leaseId, request.leaseMs);
      this.markUp();
      if (code === 0) return { granted: true, leaseId };
      return { granted: false, reason: code === 1 ? 'slots' : 'budget', waitMs };
    } catch (error) {
      this.markDown(error);
      return undefined;
    }
  }

  /** Runs `send` when Redis can take it; otherwise drops it (what it would have said, the next answer says). */
  private whenReady(send: (client: Redis & BudgetCommands) => Promise<unknown>): void {
    void this.connecting.then(() => {
      const client = this.client;
      if (!client || this.closed || client.status !== 'ready') return;
      send(client).then(() => this.markUp(), (error: unknown) => this.markDown(error));
    });
  }

  /** Frees a slot; when Redis cannot take it, the lease expires on its own. */
  release(org: string, leaseId: string): void {
    this.whenReady((client) => client.zrem(this.keys(org, '')[1], leaseId));
  }

  record(org: string, bucket: string, reading: BucketReading): void {
    const oktaNow = Date.now() - reading.skewMs;
    this.whenReady((client) => client.oktaRecord(this.keys(org, bucket)[0], reading.limit, reading.remaining, reading.resetAtOkta, oktaNow));
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting.catch(() => undefined);
    this.client?.disconnect();
  }
}
