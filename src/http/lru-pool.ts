export interface LruPoolOptions<V> {
  /** Entries kept at most. */
  max: number;
  /** An entry unused for this long is dropped (unless busy). */
  idleMs: number;
  /** An entry that is busy (a request in flight, a token being minted) is never dropped. */
  busy?: (value: V) => boolean;
  now?: () => number;
}

interface Entry<V> {
  value: V;
  lastUsed: number;
}

/**
 * A bounded map of shared state (clients, credentials, token caches) with least-recently-used eviction and
 * idle expiry that never drops a busy entry. When every entry is busy, a new value is handed out without
 * being kept, so the bound holds and no caller waits or fails. Hand-written rather than `lru-cache`: that
 * library evicts regardless of use, and an in-flight entry must stay.
 */
export class LruPool<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly now: () => number;
  private lastSweep: number;
  private timer?: NodeJS.Timeout;

  constructor(private options: LruPoolOptions<V>) {
    this.now = options.now ?? Date.now;
    this.lastSweep = this.now();
  }

  get size(): number {
    return this.entries.size;
  }

  /** Changes the bounds; entries over the new ones go at the next use. */
  configure(bounds: Partial<Pick<LruPoolOptions<V>, 'max' | 'idleMs'>>): void {
    this.options = { ...this.options, ...bounds };
  }

  get(key: string): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    // Re-inserting keeps the map in order of last use, oldest first.
    this.entries.delete(key);
    entry.lastUsed = this.now();
    this.entries.set(key, entry);
    return entry.value;
  }

  getOrCreate(key: string, create: () => V): V {
    this.sweepIfDue();
    const found = this.get(key);
    if (found !== undefined) return found;
    const value = create();
    if (this.entries.size >= this.options.max) this.evictOldest(this.entries.size - this.options.max + 1);
    if (this.entries.size < this.options.max) {
      this.entries.set(key, { value, lastUsed: this.now() });
      this.startSweeping();
    }
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Drops every entry idle for `idleMs` or more that is not busy; returns how many went. */
  sweep(): number {
    const cutoff = this.now() - this.options.idleMs;
    let dropped = 0;
    for (const [key, entry] of this.entries) {
      if (entry.lastUsed > cutoff) break;
      if (this.options.busy?.(entry.value)) continue;
      this.entries.delete(key);
      dropped++;
    }
    this.lastSweep = this.now();
    return dropped;
  }

  /** Idle entries go even when no call comes to sweep them; the timer never keeps the process alive. */
  private startSweeping(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.sweep();
      if (this.entries.size === 0) {
        clearInterval(this.timer);
        this.timer = undefined;
      }
    }, Math.max(1_000, this.options.idleMs / 2));
    this.timer.unref();
  }

  private sweepIfDue(): void {
    if (this.now() - this.lastSweep >= this.options.idleMs / 4) this.sweep();
  }

  private evictOldest(count: number): void {
    let left = count;
    for (const [key, entry] of this.entries) {
      if (left <= 0) break;
      if (this.options.busy?.(entry.value)) continue;
      this.entries.delete(key);
      left--;
    }
  }
}
