import { defineOperation, listRequest, userInputError } from '../../src/sdk';
import type { ListSystemLogsInput, ListSystemLogsOutput, OktaLogEvent } from '../../src/sdk';

// Polling (no `until`) always returns a next link, even on an empty page: an empty page ends the walk.
const list = listRequest<ListSystemLogsInput, 'events', OktaLogEvent>({
  itemsKey: 'events',
  request: (input) => ({
    method: 'GET',
    path: '/api/v1/logs',
    query: { since: input.since, until: input.until, filter: input.filter, q: input.q, sortOrder: input.sort_order },
  }),
  options: { stopOnEmptyPage: true },
});

export default defineOperation<ListSystemLogsInput, ListSystemLogsOutput>((input, ctx) => {
  if (input.after && input.since) {
    throw userInputError('Give either after (a cursor from next_page_cursor) or since, not both: Okta refuses the pair', ['after', 'since']);
  }
  return list.run(input, ctx);
});
