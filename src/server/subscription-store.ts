import fs from 'node:fs';
import path from 'node:path';

export interface SubscriptionRecord {
  id: string;
  trigger: string;
  /**
   * `creating` while the create step runs (deliveries already verify against its secret); `interrupted` when the
   * service stopped mid-create (the next identical subscribe takes its id over, so Okta's hook is replaced, not
   * duplicated); `active` once created.
   */
  status: 'creating' | 'interrupted' | 'active';
  /** The org and the trigger input: two subscribes with the same key share one Okta hook. */
  key: string;
  /** The trigger's state; holds the hook secret, so the file is written owner-only. */
  state: Record<string, unknown>;
  subscribers: number;
  created: string;
}

export class StoreFullError extends Error {}

/**
 * The service's subscriptions: a small JSON file, rewritten whole through a temporary file and a rename so a crash
 * leaves either the old or the new file, never half of one. Without a file it lives in memory (tests, embedding).
 */
export class SubscriptionStore {
  private readonly records = new Map<string, SubscriptionRecord>();

  constructor(readonly file?: string, readonly maxSubscriptions = 100) {
    if (!file || !fs.existsSync(file)) return;
    const saved = JSON.parse(fs.readFileSync(file, 'utf8')) as { subscriptions?: SubscriptionRecord[] };
    for (const record of saved.subscriptions ?? []) {
      this.records.set(record.id, record.status === 'creating' ? { ...record, status: 'interrupted' } : record);
    }
  }

  get(id: string): SubscriptionRecord | undefined {
    return this.records.get(id);
  }

  findByKey(trigger: string, key: string): SubscriptionRecord | undefined {
    return [...this.records.values()].find((r) => r.trigger === trigger && r.key === key);
  }

  get size(): number {
    return this.records.size;
  }

  put(record: SubscriptionRecord): void {
    if (!this.records.has(record.id) && this.records.size >= this.maxSubscriptions) {
      throw new StoreFullError(`The service holds its maximum of ${this.maxSubscriptions} subscriptions: delete one first`);
    }
    this.records.set(record.id, record);
    this.persist();
  }

  delete(id: string): void {
    if (this.records.delete(id)) this.persist();
  }

  private persist(): void {
    if (!this.file) return;
    fs.mkdirSync(path.dirname(this.file), { recursive: true, mode: 0o700 });
    const temp = `${this.file}.${process.pid}.tmp`;
    fs.writeFileSync(temp, JSON.stringify({ subscriptions: [...this.records.values()] }, null, 1), { mode: 0o600 });
    fs.renameSync(temp, this.file);
  }
}
