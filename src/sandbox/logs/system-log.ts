import { oktaErrors, SandboxError } from '../core/okta-error-bodies';
import { assertComparisons } from '../core/expression-fields';
import { OktaObject, SandboxOrg } from '../core/org';
import { compileExpression } from '../core/scim-expression';
import { Route, SandboxRequest, SandboxResponse } from '../core/route-types';

const DAY = 24 * 60 * 60 * 1000;
const DEFAULT_WINDOW = 7 * DAY;
/** System Log query guide, "Data retention" (docs/OKTA-NOTES.md#system-log): events older than 90 days are not returned; a `since` over 180 days back is refused. */
const RETENTION = 90 * DAY;
const OLDEST_SINCE = 180 * DAY;
const LIMIT = { defaultLimit: 100, maxLimit: 1000 };
const Q_KEYWORDS = { max: 10, maxLength: 40 };

/** An event with its persistence position (1-based), which cursors point at. */
interface Stored {
  event: OktaObject;
  seq: number;
  published: number;
}

/**
 * The opaque `after` cursor: `<published ms>_<persistence position>`, plus `_<since ms>` on bounded queries,
 * because `after` replaces `since` in next links (Okta refuses the pair) yet a bounded walk keeps its bounds.
 */
interface Cursor {
  seq: number;
  since?: number;
}
const cursorOf = (stored: Stored, since?: number) => `${stored.published}_${stored.seq}${since === undefined ? '' : `_${since}`}`;

function parseCursor(after: string): Cursor {
  const m = /^(\d+)_(\d+)(?:_(\d+))?$/.exec(after);
  if (!m) throw oktaErrors.validation('after', ['after: The cursor is not valid; take it from a next link']);
  return { seq: Number(m[2]), since: m[3] === undefined ? undefined : Number(m[3]) };
}

function parseTime(req: SandboxRequest, name: 'since' | 'until'): number | undefined {
  const text = req.query.get(name);
  if (text === null) return undefined;
  const time = Date.parse(text);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text) || Number.isNaN(time)) {
    // The System Log query guide ("Errors") gives this body for an unreadable date.
    const causes = [`${name}: The date format in your query is not recognized. Please enter dates using ISO8601 string format.`, `${name}: must be a valid date-time or empty.`];
    throw new SandboxError(400, 'E0000001', `Api validation failed: ${causes.map((c) => `'${name}'${c.slice(name.length)}`).join(' ')}`, causes);
  }
  return time;
}

/** `filter`: SCIM over event fields except `published`; values compared case-insensitively (SCIM's default). */
function filterPredicate(expr: string) {
  assertComparisons(expr, ({ attribute }) => attribute !== 'published', oktaErrors.invalidSearch);
  return compileExpression(expr, { error: oktaErrors.invalidFilter });
}

/** `q`: every keyword must equal a word of the message, event type, actor or a target (hyphenated words also in parts). */
function keywordPredicate(q: string) {
  const keywords = q.trim().toLowerCase().split(/\s+/).filter(Boolean);
  if (keywords.some((k) => k.length > Q_KEYWORDS.maxLength)) {
    // The System Log query guide ("Errors"): the documented body for a keyword over 40 characters.
    throw new SandboxError(400, 'E0000001', "Api validation failed: 'q': Freeform search cannot contain items longer than 40 characters. Please shorten the items in your search or use an advanced filter to query by specific fields.");
  }
  if (keywords.length > Q_KEYWORDS.max) throw oktaErrors.validation('q', [`q: At most ${Q_KEYWORDS.max} keywords`]);
  return (event: OktaObject) => {
    const parties = [event.actor, ...(event.target ?? [])].flatMap((p: OktaObject) => [p?.id, p?.alternateId, p?.displayName]);
    const words = new Set(
      [event.displayMessage, event.eventType, ...parties]
        .filter((v): v is string => typeof v === 'string')
        .flatMap((text) => text.toLowerCase().split(/\s+/))
        .flatMap((word) => [word, ...word.split('-')]),
    );
    return keywords.every((k) => words.has(k));
  };
}

function limitOf(req: SandboxRequest): number {
  const requested = Number(req.query.get('limit') ?? LIMIT.defaultLimit);
  return Number.isFinite(requested) && requested >= 0 ? Math.min(Math.floor(requested), LIMIT.maxLimit) : LIMIT.defaultLimit;
}

function link(req: SandboxRequest, params: URLSearchParams, rel: string): string {
  return `<${req.baseUrl}${req.url.pathname}?${params.toString()}>; rel="${rel}"`;
}

/** The next link: the request's parameters with `after` in place of `since`. */
function nextParams(req: SandboxRequest, after: string, limit: number, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams(req.query);
  params.delete('since');
  params.delete('after');
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  params.set('limit', String(limit));
  params.set('after', after);
  return params;
}

function listLogs(org: SandboxOrg, req: SandboxRequest): SandboxResponse {
  const now = Date.now();
  const after = req.query.get('after');
  let since = parseTime(req, 'since');
  const until = parseTime(req, 'until');
  if (after && since !== undefined) throw oktaErrors.validation('after', ['after: Cannot be used together with since']);
  const cursor = after ? parseCursor(after) : undefined;
  const descending = req.query.get('sortOrder')?.toUpperCase() === 'DESCENDING';
  const polling = until === undefined && !descending;
  const upper = until ?? now;
  since = since ?? cursor?.since ?? upper - DEFAULT_WINDOW;
  if (since < now - OLDEST_SINCE) throw new SandboxError(400, 'E0000053', 'Invalid parameter: The since parameter is over 180 days prior to the current day.');
  // Older than the retention window: the query succeeds, without the events it no longer keeps (docs/OKTA-NOTES.md#system-log).
  since = Math.max(since, now - RETENTION);
  if (until !== undefined && since > until) throw oktaErrors.validation('since', ['since: Must be before until']);

  const filter = req.query.get('filter');
  const q = req.query.get('q');
  const checks = [filter ? filterPredicate(filter) : undefined, q ? keywordPredicate(q) : undefined].filter((p) => p !== undefined);
  const matches = (event: OktaObject) => checks.every((check) => check(event));
  const stored: Stored[] = org.logEvents.map((event, i) => ({ event, seq: i + 1, published: Date.parse(event.published) }));
  const limit = limitOf(req);
  const self = link(req, req.query, 'self');

  if (polling) {
    // Persistence order; `since` bounds only the first request. The next link is always there: after the
    // last event returned, or (on an empty page) the same cursor again, which is where to poll next.
    const from = cursor?.seq ?? 0;
    const pending = stored.filter((s) => s.seq > from && (cursor || s.published >= since!) && matches(s.event));
    const page = pending.slice(0, limit);
    const last = page[page.length - 1];
    const position = last ? cursorOf(last) : after ?? `${now}_${stored.length}`;
    const next = after && !last ? self.replace(/rel="self"$/, 'rel="next"') : link(req, nextParams(req, position, limit), 'next');
    return { status: 200, body: page.map((s) => s.event), headers: { Link: `${self}, ${next}` } };
  }

  // Bounded: ordered by `published`, finite; the next link keeps the bounds (until in the URL, since in the cursor).
  const window = stored.filter((s) => s.published >= since! && s.published < upper && matches(s.event));
  const ordered = descending ? [...window].sort((a, b) => b.published - a.published || b.seq - a.seq) : window.sort((a, b) => a.published - b.published || a.seq - b.seq);
  const start = cursor ? ordered.findIndex((s) => s.seq === cursor.seq) + 1 || ordered.length : 0;
  const page = ordered.slice(start, start + limit);
  const links = [self];
  if (page.length > 0 && start + page.length < ordered.length) {
    links.push(link(req, nextParams(req, cursorOf(page[page.length - 1], since), limit, { until: new Date(upper).toISOString() }), 'next'));
  }
  return { status: 200, body: page.map((s) => s.event), headers: { Link: links.join(', ') } };
}

export function systemLogRoutes(org: SandboxOrg): Route[] {
  return [{ method: 'GET', pattern: '/api/v1/logs', handle: (req) => listLogs(org, req) }];
}
