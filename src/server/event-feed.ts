export interface FeedPage {
  events: unknown[];
  /** Pass as `after` to read what comes next. */
  cursor: number;
}

interface Feed {
  next: number;
  entries: Array<{ seq: number; event: unknown }>;
  waiters: Set<() => void>;
}

export class TooManyWaitersError extends Error {}

/**
 * What each subscription received, for GET .../events (local use, the playground). Bounded: the newest
 * `perSubscription` events are kept, and at most `maxWaiters` long-polls wait on one subscription.
 */
export class EventFeed {
  private readonly feeds = new Map<string, Feed>();

  constructor(readonly perSubscription = 1_000, readonly maxWaiters = 20, readonly maxWaitMs = 25_000) {}

  private feed(id: string): Feed {
    let feed = this.feeds.get(id);
    if (!feed) {
      feed = { next: 1, entries: [], waiters: new Set() };
      this.feeds.set(id, feed);
    }
    return feed;
  }

  push(id: string, events: unknown[]): void {
    if (events.length === 0) return;
    const feed = this.feed(id);
    for (const event of events) feed.entries.push({ seq: feed.next++, event });
    if (feed.entries.length > this.perSubscription) feed.entries.splice(0, feed.entries.length - this.perSubscription);
    for (const wake of feed.waiters) wake();
  }

  private page(feed: Feed, after: number): FeedPage {
    const events = feed.entries.filter((e) => e.seq > after);
    return { events: events.map((e) => e.event), cursor: events.length ? events[events.length - 1].seq : Math.max(after, feed.next - 1) };
  }

  /** The events after `after`; when there are none yet, waits up to `waitMs` (capped) for some. */
  async read(id: string, after: number, waitMs: number, signal?: AbortSignal): Promise<FeedPage> {
    const feed = this.feed(id);
    const now = this.page(feed, after);
    if (now.events.length > 0 || waitMs <= 0) return now;
    if (feed.waiters.size >= this.maxWaiters) throw new TooManyWaitersError(`At most ${this.maxWaiters} requests may wait on one subscription`);
    await new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        feed.waiters.delete(done);
        signal?.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, Math.min(waitMs, this.maxWaitMs));
      feed.waiters.add(done);
      signal?.addEventListener('abort', done, { once: true });
    });
    return this.page(feed, after);
  }

  forget(id: string): void {
    const feed = this.feeds.get(id);
    if (feed) for (const wake of feed.waiters) wake();
    this.feeds.delete(id);
  }
}
