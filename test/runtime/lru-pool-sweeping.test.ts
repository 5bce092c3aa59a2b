import { LruPool } from '../../src/http/lru-pool';

// Fake timers throughout: the idle sweep runs on an interval, and Date.now (the pool's default clock) moves with them.
beforeEach(() => {
  jest.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  jest.useRealTimers();
});

describe('delete', () => {
  test('a deleted entry is gone: the next getOrCreate makes a new value', () => {
    const pool = new LruPool<object>({ max: 3, idleMs: 60_000 });
    const first = pool.getOrCreate('k', () => ({}));
    pool.getOrCreate('other', () => ({}));
    pool.delete('k');
    expect(pool.size).toBe(1);
    expect(pool.get('k')).toBeUndefined();
    expect(pool.getOrCreate('k', () => ({}))).not.toBe(first);
  });
});

describe('the idle sweep timer', () => {
  test('idle entries go with no call to sweep them', () => {
    const pool = new LruPool<string>({ max: 10, idleMs: 10_000 });
    pool.getOrCreate('a', () => 'a');
    jest.advanceTimersByTime(10_000);
    expect(pool.size).toBe(0);
  });

  test('it runs every idleMs / 2: an entry idle since 12 s goes at the tick at 15 s, not before', () => {
    const pool = new LruPool<string>({ max: 10, idleMs: 10_000 });
    pool.getOrCreate('a', () => 'a'); // timer started at 0 s: ticks at 5, 10, 15 s
    jest.advanceTimersByTime(2_000);
    pool.get('a'); // used at 2 s: idle from 12 s
    jest.advanceTimersByTime(12_000); // 14 s
    expect(pool.size).toBe(1);
    jest.advanceTimersByTime(1_000); // 15 s
    expect(pool.size).toBe(0);
  });

  test('it never runs more often than once a second, however short idleMs is', () => {
    const pool = new LruPool<string>({ max: 10, idleMs: 200 });
    pool.getOrCreate('a', () => 'a');
    jest.advanceTimersByTime(999);
    expect(pool.size).toBe(1);
    jest.advanceTimersByTime(1);
    expect(pool.size).toBe(0);
  });

  test('an entry left after one tick is still swept by a later tick', () => {
    const pool = new LruPool<string>({ max: 10, idleMs: 10_000 });
    pool.getOrCreate('old', () => 'o'); // ticks at 5, 10, 15 s
    jest.advanceTimersByTime(4_000);
    pool.get('old'); // idle from 14 s (no sweep runs in get)
    jest.advanceTimersByTime(11_000); // 15 s
    expect(pool.size).toBe(0);
  });

  test('the timer stops once the pool is empty, and there is only ever one', () => {
    const pool = new LruPool<string>({ max: 10, idleMs: 10_000 });
    expect(jest.getTimerCount()).toBe(0);
    for (const key of ['a', 'b', 'c']) pool.getOrCreate(key, () => key);
    expect(jest.getTimerCount()).toBe(1);
    jest.advanceTimersByTime(10_000);
    expect(pool.size).toBe(0);
    expect(jest.getTimerCount()).toBe(0);
    pool.getOrCreate('d', () => 'd');
    expect(jest.getTimerCount()).toBe(1);
  });

  test('the timer keeps going while an entry is kept', () => {
    const pool = new LruPool<string>({ max: 10, idleMs: 10_000 });
    pool.getOrCreate('a', () => 'a');
    jest.advanceTimersByTime(5_000);
    expect(pool.size).toBe(1);
    expect(jest.getTimerCount()).toBe(1);
  });
});

describe('the opportunistic sweep in getOrCreate (an injected clock, no timer ticks)', () => {
  let now = 0;
  const clock = () => now;
  beforeEach(() => {
    now = 0;
  });

  test('once idleMs / 4 has passed since the last sweep, a getOrCreate drops the idle entries', () => {
    const pool = new LruPool<string>({ max: 10, idleMs: 1_000, now: clock });
    pool.getOrCreate('a', () => 'a');
    now = 1_000;
    pool.getOrCreate('b', () => 'b');
    expect(pool.get('a')).toBeUndefined();
    expect(pool.size).toBe(1);
  });

  test('exactly idleMs / 4 after the last sweep is enough', () => {
    const pool = new LruPool<string>({ max: 10, idleMs: 1_000, now: clock });
    pool.getOrCreate('a', () => 'a');
    now = 750;
    expect(pool.sweep()).toBe(0);
    now = 1_000; // 'a' idle; 250 ms since the last sweep
    pool.getOrCreate('b', () => 'b');
    expect(pool.get('a')).toBeUndefined();
  });

  test('less than idleMs / 4 after the last sweep, getOrCreate does not sweep', () => {
    const pool = new LruPool<string>({ max: 10, idleMs: 1_000, now: clock });
    pool.getOrCreate('a', () => 'a');
    now = 900;
    expect(pool.sweep()).toBe(0);
    now = 1_100; // 'a' idle, but only 200 ms since the last sweep
    pool.getOrCreate('b', () => 'b');
    expect(pool.get('a')).toBe('a');
    expect(pool.sweep()).toBe(0); // get() just used it
  });
});
