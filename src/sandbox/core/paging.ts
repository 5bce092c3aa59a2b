import { SandboxRequest, SandboxResponse } from './route-types';

export interface PagingRules {
  defaultLimit: number;
  maxLimit: number;
}

/**
 * Answers one page of `items` with Okta's `Link` headers. The cursor (`after`) is the id (or key) of the
 * last item returned; the `next` link repeats every query parameter of the request, as Okta's do.
 */
export function pageOf<T>(req: SandboxRequest, items: T[], keyOf: (item: T) => string, rules: PagingRules): SandboxResponse {
  const requested = Number(req.query.get('limit') ?? rules.defaultLimit);
  const limit = Number.isFinite(requested) && requested > 0 ? Math.min(Math.floor(requested), rules.maxLimit) : rules.defaultLimit;
  const after = req.query.get('after');
  let start = 0;
  if (after) {
    const index = items.findIndex((item) => keyOf(item) === after);
    start = index >= 0 ? index + 1 : items.length;
  }
  const page = items.slice(start, start + limit);
  const link = (params: URLSearchParams, rel: string) => `<${req.baseUrl}${req.url.pathname}?${params.toString()}>; rel="${rel}"`;
  const links = [link(req.query, 'self')];
  if (start + limit < items.length && page.length > 0) {
    const next = new URLSearchParams(req.query);
    next.set('after', keyOf(page[page.length - 1]));
    next.set('limit', String(limit));
    links.push(link(next, 'next'));
  }
  return { status: 200, body: page, headers: { Link: links.join(', ') } };
}
