import { ConnectorError } from '../core/errors';
import { cursorFromLink, parseLinkHeader } from './link-header';
import { CallScope } from './call-scope';
import { OktaClient } from './okta-client';
import { OktaRequest } from './okta-request';

export interface PagingInput {
  limit?: number;
  after?: string;
  fetch_all?: boolean;
  max_results?: number;
}

export interface Page<T> {
  items: T[];
  /** Pass as `after` to read the next page; null when there is none (or the cap cut a page in two). */
  next_page_cursor: string | null;
  /** True when `max_results` stopped the walk before Okta ran out of results. */
  truncated: boolean;
}

export interface ListOptions {
  /**
   * System Log polling always returns a `next` link: an empty page ends the walk. That link (often equal to
   * `self` when no new events have arrived) is where to poll next, so its cursor is always returned.
   */
  stopOnEmptyPage?: boolean;
}

/** Reads one page, or follows `rel="next"` links exactly as Okta gives them until the list ends or the cap is hit. */
export async function paginate<T>(
  client: OktaClient,
  scope: CallScope,
  first: OktaRequest,
  paging: PagingInput,
  options: ListOptions = {},
): Promise<Page<T>> {
  const items: T[] = [];
  const cap = paging.fetch_all ? paging.max_results ?? Infinity : Infinity;
  const seen = new Set<string>();
  let request: OktaRequest = { ...first, query: { ...first.query, limit: paging.limit, after: paging.after } };
  for (;;) {
    const response = await client.request<T[]>(request, scope, 'operation');
    if (!Array.isArray(response.body)) {
      throw new ConnectorError('api_error', `Okta returned ${typeof response.body} where a list was expected`, { status: response.status });
    }
    const links = parseLinkHeader(response.headers['link']);
    const next = links.next && links.next !== links.self && !seen.has(links.next) ? links.next : undefined;
    const page = response.body;
    const room = cap - items.length;
    items.push(...page.slice(0, room));
    const overflowed = page.length > room;
    const ended = !next || (options.stopOnEmptyPage === true && page.length === 0);
    if (!paging.fetch_all || ended || items.length >= cap) {
      return {
        items,
        next_page_cursor: overflowed ? null : cursorFromLink(options.stopOnEmptyPage ? links.next : next),
        truncated: overflowed || (!ended && items.length >= cap),
      };
    }
    seen.add(next);
    request = { method: 'GET', path: sameOriginPath(next, client.auth.orgUrl) };
  }
}

/** A `next` link must stay on the org host: the credential never follows a link elsewhere. */
function sameOriginPath(link: string, orgUrl: string): string {
  const url = new URL(link, orgUrl);
  if (url.origin !== new URL(orgUrl).origin) {
    throw new ConnectorError('api_error', `Okta's next link points off the org host (${url.host}); paging stopped`);
  }
  return url.pathname + url.search;
}
