import { ConnectorError, decodeLogCheckpoint, defineTrigger, encodeLogCheckpoint, rememberRecent, triggerEvent } from '../../src/sdk';
import type { OktaLogEvent, OktaRequest, OktaTriggerEvent, SystemLogPollTriggerInput } from '../../src/sdk';

/**
 * Okta's polling guidance: no `until`, ascending, follow `next` links, and the `next` link of the last page is
 * where the next poll starts (`since` only bounds the first). Polling always returns a `next` link; an empty page
 * means caught up.
 */
export default defineTrigger<SystemLogPollTriggerInput, never, OktaTriggerEvent>({
  async poll(input, checkpoint, ctx) {
    const previous = checkpoint === undefined ? undefined : decodeLogCheckpoint(checkpoint);
    const overlapMs = input.overlap_seconds! * 1000;
    let request: OktaRequest = previous
      ? { method: 'GET', path: previous.next }
      : {
          method: 'GET',
          path: '/api/v1/logs',
          query: { since: input.since ?? new Date(ctx.now() - overlapMs).toISOString(), filter: input.filter, q: input.q, limit: input.page_size, sortOrder: 'ASCENDING' },
        };
    let next = previous?.next ?? null;
    let recent = previous?.recent ?? [];
    const events: OktaTriggerEvent[] = [];
    let more = false;
    for (let page = 0; page < input.max_pages!; page++) {
      let found;
      try {
        found = await ctx.page<OktaLogEvent>(request);
      } catch (error) {
        // A later page failing keeps what the earlier pages covered; the first failing is the caller's error.
        if (page === 0 || !(error instanceof ConnectorError)) throw error;
        more = true;
        break;
      }
      const known = new Set(recent.map((r) => r.uuid));
      events.push(...found.items.filter((event) => !known.has(event.uuid)).map(triggerEvent));
      recent = rememberRecent(recent, found.items, overlapMs);
      if (found.next_link) next = found.next_link;
      if (found.items.length === 0 || !found.next_link) break;
      request = { method: 'GET', path: found.next_link };
      if (page === input.max_pages! - 1) more = true;
    }
    if (!next) throw new ConnectorError('api_error', 'Okta returned no next link for a System Log poll, so there is no checkpoint to continue from');
    return { events, checkpoint: encodeLogCheckpoint({ next, recent }), more };
  },
});
