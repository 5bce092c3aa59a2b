import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { EventFeed, TooManyWaitersError } from '../../src/server/event-feed';
import { StoreFullError, SubscriptionRecord, SubscriptionStore } from '../../src/server/subscription-store';

const record = (id: string, status: SubscriptionRecord['status'] = 'active'): SubscriptionRecord => ({
  id, trigger: 'okta_event_trigger', status, key: `k-${id}`, state: { secret: `secret-${id}` }, subscribers: 1, created: '2026-12-01T00:00:00.000Z',
});

describe('SubscriptionStore', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'okta-connector-store-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('persists through a rename (no temporary file left), owner-only, and reloads; a create cut short comes back interrupted', () => {
    const file = path.join(dir, 'nested', 'subscriptions.json');
    const store = new SubscriptionStore(file);
    store.put(record('a'));
    store.put(record('b', 'creating'));
    expect(fs.readdirSync(path.dirname(file))).toEqual(['subscriptions.json']);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const reloaded = new SubscriptionStore(file);
    expect(reloaded.get('a')).toEqual(record('a'));
    expect(reloaded.get('b')!.status).toBe('interrupted');
    expect(reloaded.findByKey('okta_event_trigger', 'k-b')!.id).toBe('b');
    reloaded.delete('a');
    expect(new SubscriptionStore(file).get('a')).toBeUndefined();
  });

  test('is bounded: past the maximum a new subscription is a clear error, an update is not', () => {
    const store = new SubscriptionStore(undefined, 2);
    store.put(record('a'));
    store.put(record('b'));
    expect(() => store.put(record('c'))).toThrow(StoreFullError);
    expect(() => store.put({ ...record('a'), subscribers: 2 })).not.toThrow();
    expect(store.size).toBe(2);
  });
});

describe('EventFeed', () => {
  test('keeps the newest events only, with cursors that keep counting', async () => {
    const feed = new EventFeed(3);
    feed.push('s', [1, 2, 3, 4, 5]);
    expect(await feed.read('s', 0, 0)).toEqual({ events: [3, 4, 5], cursor: 5 });
    expect(await feed.read('s', 5, 0)).toEqual({ events: [], cursor: 5 });
  });

  test('a long-poll wakes on the next event, and waits are capped and counted', async () => {
    const feed = new EventFeed(10, 1, 50);
    const waiting = feed.read('s', 0, 10_000);
    await expect(feed.read('s', 0, 10_000)).rejects.toThrow(TooManyWaitersError);
    feed.push('s', ['x']);
    expect(await waiting).toEqual({ events: ['x'], cursor: 1 });
    const started = Date.now();
    expect(await feed.read('s', 1, 10_000)).toEqual({ events: [], cursor: 1 });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
