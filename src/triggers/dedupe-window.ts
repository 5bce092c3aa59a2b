/**
 * Remembers the most recent event ids per subscription, so a redelivered event starts nothing. Bounded twice: ids
 * per subscription (oldest forgotten first) and subscriptions (least recently used forgotten first).
 */
export class DedupeWindow {
  private readonly bySubscription = new Map<string, Set<string>>();

  constructor(readonly idsPerSubscription = 10_000, readonly maxSubscriptions = 1_000) {}

  /** True when `eventId` was not seen for `subscription` within the window; records it. */
  firstSighting(subscription: string, eventId: string): boolean {
    let ids = this.bySubscription.get(subscription);
    if (ids) {
      this.bySubscription.delete(subscription);
    } else {
      ids = new Set();
      if (this.bySubscription.size >= this.maxSubscriptions) this.bySubscription.delete(this.bySubscription.keys().next().value!);
    }
    this.bySubscription.set(subscription, ids);
    if (ids.has(eventId)) return false;
    ids.add(eventId);
    if (ids.size > this.idsPerSubscription) ids.delete(ids.values().next().value!);
    return true;
  }

  forget(subscription: string): void {
    this.bySubscription.delete(subscription);
  }
}
