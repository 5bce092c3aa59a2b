import { Deadline } from '../deadline';
import { RateGovernor } from './local-governor';
import { readRateHeaders, SkewEstimate } from './okta-headers';
import { budgetWait, OrgGovernor, resetJitterMs } from './org-governor';
import { RedisBudgetStore } from './redis-budget-store';

/** How often a call waiting for a shared slot asks again (with jitter, so waiters do not ask in step). */
const slotPollMs = () => 5 + Math.random() * 10;

/**
 * One org's budget shared by every copy through Redis: bucket counts and reset times learned from Okta's
 * headers, a reservation taken atomically before each request, and a shared cap on requests in flight.
 * The local governor sees every answer too, so when Redis is unavailable a call goes on with it at once.
 */
export class SharedGovernor extends OrgGovernor {
  private leases = 0;
  private readonly skew = new SkewEstimate();

  constructor(private readonly org: string, private readonly store: RedisBudgetStore, private readonly local: RateGovernor) {
    super(local.settings);
  }

  get idle(): boolean {
    return this.leases === 0 && this.local.idle;
  }

  record(bucket: string, headers: Record<string, string>): void {
    this.local.record(bucket, headers);
    const reading = readRateHeaders(headers);
    if (!reading) return;
    this.store.record(this.org, bucket, { ...reading, skewMs: this.skew.update(reading.skewMs) });
  }

  protected async acquireForOrg(bucket: string, deadline: Deadline, headroom: number, leaseMs: number): Promise<() => void> {
    for (;;) {
      deadline.check();
      const answer = await this.store.reserve(this.org, bucket, { oktaNow: Date.now() - this.skew.ms, headroom, maxConcurrent: this.settings.maxConcurrent, leaseMs });
      if (!answer) return this.local.acquireForOrg(bucket, deadline, headroom);
      if (answer.granted) {
        this.leases++;
        let released = false;
        return () => {
          if (released) return;
          released = true;
          this.leases--;
          this.store.release(this.org, answer.leaseId);
        };
      }
      if (answer.reason === 'budget') await deadline.sleep(budgetWait(bucket, answer.waitMs + resetJitterMs(), deadline));
      else await deadline.sleep(Math.min(slotPollMs(), deadline.remainingMs()));
    }
  }
}
