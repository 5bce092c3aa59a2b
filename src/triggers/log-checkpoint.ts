import { userInputError } from '../core/errors';

export interface RecentEvent {
  uuid: string;
  /** Published time, ms since the epoch. */
  at: number;
}

/** Where a System Log poll continues: the last page's `next` link, and the ids inside the overlap window. */
export interface LogCheckpoint {
  next: string;
  recent: RecentEvent[];
}

/** Bounds the checkpoint whatever the overlap window: it stays a few tens of kilobytes. */
export const MAX_RECENT_IDS = 500;

const notOurs = () => userInputError('checkpoint is not one a System Log poll returned: pass the checkpoint string unchanged', ['checkpoint']);

export function encodeLogCheckpoint(checkpoint: LogCheckpoint): string {
  return Buffer.from(JSON.stringify({ v: 1, next: checkpoint.next, recent: checkpoint.recent.map((r) => [r.uuid, r.at]) })).toString('base64url');
}

/** Refuses anything but a checkpoint of ours; its link must be a System Log path on the org host. */
export function decodeLogCheckpoint(text: string): LogCheckpoint {
  let parsed: { v?: unknown; next?: unknown; recent?: unknown };
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw notOurs();
  }
  const { next, recent } = parsed ?? {};
  if (parsed?.v !== 1 || typeof next !== 'string' || !/^\/api\/v1\/logs(\?|$)/.test(next) || !Array.isArray(recent) || recent.length > MAX_RECENT_IDS) throw notOurs();
  if (!recent.every((r) => Array.isArray(r) && typeof r[0] === 'string' && typeof r[1] === 'number')) throw notOurs();
  return { next, recent: recent.map(([uuid, at]) => ({ uuid, at })) };
}

/** The ids to remember after a page: those published within `overlapMs` of the newest seen, at most MAX_RECENT_IDS. */
export function rememberRecent(recent: RecentEvent[], page: Array<{ uuid: string; published?: string }>, overlapMs: number): RecentEvent[] {
  const known = new Set(recent.map((r) => r.uuid));
  const added = page.filter((e) => !known.has(e.uuid)).map((e) => ({ uuid: e.uuid, at: Date.parse(e.published ?? '') || 0 }));
  const all = [...recent, ...added];
  const newest = all.reduce((max, r) => Math.max(max, r.at), 0);
  return all.filter((r) => r.at >= newest - overlapMs).slice(-MAX_RECENT_IDS);
}
