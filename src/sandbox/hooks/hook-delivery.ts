import { randomUUID } from 'node:crypto';
import { OktaObject, SandboxOrg } from '../core/org';
import { callHook } from './hook-calls';

export interface HookDeliveryOptions {
  /** Events written within this many ms go out in one batch (Okta amalgamates events close in time). Default 100. */
  batchMs?: number;
  /**
   * Okta delivers at least once: every n-th batch is sent twice, so receivers must dedupe. Deterministic on purpose:
   * 1 duplicates every batch (tests), 0 never. Default 4.
   */
  duplicateEvery?: number;
}

/** Per-hook batching of System Log events, delivered with Okta's envelope to active, verified, matching hooks. */
export class HookDelivery {
  private readonly pending = new Map<string, OktaObject[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private batches = 0;
  /** Every delivery attempt's outcome, newest last (bounded), for tests and debugging. */
  readonly outcomes: Array<{ hookId: string; events: number; ok: boolean; status?: number }> = [];

  constructor(
    private readonly org: SandboxOrg,
    private readonly hooks: Map<string, OktaObject>,
    private readonly options: HookDeliveryOptions = {},
  ) {
    org.logListeners.add((event) => this.enqueue(event));
  }

  private enqueue(event: OktaObject): void {
    for (const hook of this.hooks.values()) {
      if (hook.status !== 'ACTIVE' || hook.verificationStatus !== 'VERIFIED' || !hook.events.items.includes(event.eventType)) continue;
      const queue = this.pending.get(hook.id) ?? [];
      queue.push(event);
      this.pending.set(hook.id, queue);
      if (!this.timers.has(hook.id)) {
        this.timers.set(hook.id, setTimeout(() => void this.flush(hook.id), this.options.batchMs ?? 100).unref());
      }
    }
  }

  private async flush(hookId: string): Promise<void> {
    this.timers.delete(hookId);
    const events = this.pending.get(hookId) ?? [];
    this.pending.delete(hookId);
    const hook = this.hooks.get(hookId);
    if (!hook || events.length === 0) return;
    const envelope = {
      eventType: 'com.okta.event_hook',
      eventTypeVersion: '1.0',
      cloudEventsVersion: '0.1',
      source: `${this.org.baseUrl}/api/v1/eventHooks/${hook.id}`,
      eventId: randomUUID(),
      eventTime: new Date().toISOString(),
      contentType: 'application/json',
      data: { events },
    };
    const every = this.options.duplicateEvery ?? 4;
    const times = every > 0 && ++this.batches % every === 0 ? 2 : 1;
    for (let i = 0; i < times; i++) {
      const result = await callHook(hook, 'POST', {}, envelope);
      this.outcomes.push({ hookId, events: events.length, ok: result.ok, status: result.status });
      if (this.outcomes.length > 1000) this.outcomes.shift();
    }
  }

  /** Drops queued batches (the sandbox is closing). */
  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
  }
}
