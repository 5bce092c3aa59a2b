import { LruPool } from '../../src/http/lru-pool';

let now = 0;
const clock = () => now;
beforeEach(() => {
  now = 1_000_000;
});

describe('LruPool', () => {
  test('keeps at most max entries, dropping the least recently used', () => {
    const pool = new LruPool<string>({ max: 3, idleMs: 60_000, now: clock });
    for (const key of ['a', 'b', 'c']) pool.getOrCreate(key, () => key.toUpperCase());
    pool.get('a');
    pool.getOrCreate('d', () => 'D');
    expect(pool.size).toBe(3);
    expect(pool.get('b')).toBeUndefined();
    expect([pool.get('a'), pool.get('c'), pool.get('d')]).toEqual(['A', 'C', 'D']);
  });

  test('reuses the kept value instead of creating another', () => {
    const pool = new LruPool<object>({ max: 3, idleMs: 60_000, now: clock });
    const created = jest.fn(() => ({}));
    const first = pool.getOrCreate('k', created);
    expect(pool.getOrCreate('k', created)).toBe(first);
    expect(created).toHaveBeenCalledTimes(1);
  });

  test('idle entries go at the sweep; recently used ones stay', () => {
    const pool = new LruPool<string>({ max: 10, idleMs: 1_000, now: clock });
    pool.getOrCreate('old', () => 'x');
    now += 600;
    pool.getOrCreate('new', () => 'y');
    now += 500;
    expect(pool.sweep()).toBe(1);
    expect(pool.get('old')).toBeUndefined();
    expect(pool.get('new')).toBe('y');
  });

  test('a busy entry is never dropped, by the cap or by idleness', () => {
    const busy = new Set(['a']);
    const pool = new LruPool<string>({ max: 2, idleMs: 1_000, now: clock, busy: (v) => busy.has(v) });
    pool.getOrCreate('a', () => 'a');
    pool.getOrCreate('b', () => 'b');
    pool.getOrCreate('c', () => 'c');
    expect(pool.get('a')).toBe('a');
    expect(pool.get('b')).toBeUndefined();
    now += 5_000;
    pool.sweep();
    expect(pool.get('a')).toBe('a');
    expect(pool.get('c')).toBeUndefined();
  });

  test('when every entry is busy, a new value serves its caller without being kept', () => {
    const pool = new LruPool<string>({ max: 2, idleMs: 1_000, now: clock, busy: () => true });
    pool.getOrCreate('a', () => 'a');
    pool.getOrCreate('b', () => 'b');
    expect(pool.getOrCreate('c', () => 'c')).toBe('c');
    expect(pool.size).toBe(2);
    expect(pool.get('c')).toBeUndefined();
  });

  test('a lower cap set later applies at the next insertion', () => {
    const pool = new LruPool<string>({ max: 5, idleMs: 1_000, now: clock });
    for (const key of ['a', 'b', 'c', 'd']) pool.getOrCreate(key, () => key);
    pool.configure({ max: 2 });
    pool.getOrCreate('e', () => 'e');
    expect(pool.size).toBe(2);
    expect(pool.get('e')).toBe('e');
  });
});
