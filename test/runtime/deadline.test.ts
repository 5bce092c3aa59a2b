import { getEventListeners } from 'node:events';
import { Deadline } from '../../src/http/deadline';
import { failure, refusal } from '../support/failure';

const CANCELLED = { type: 'timeout', message: 'The call was cancelled by the caller', retryable: false };
const PAST_DEADLINE = { type: 'timeout', message: 'The call ran past its deadline', retryable: true };

beforeEach(() => jest.useFakeTimers({ now: 1_000_000 }));
afterEach(() => jest.useRealTimers());

/** Whether `promise` has settled once the timers due so far have fired. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await jest.advanceTimersByTimeAsync(0);
  return done;
}

describe('Deadline', () => {
  test('counts down from its timeout and never below zero', () => {
    const deadline = new Deadline(1_000);
    expect(deadline.remainingMs()).toBe(1_000);
    jest.advanceTimersByTime(400);
    expect(deadline.remainingMs()).toBe(600);
    jest.advanceTimersByTime(5_000);
    expect(deadline.remainingMs()).toBe(0);
  });

  test('check() passes with time left, and is a retryable timeout at the deadline itself', () => {
    const deadline = new Deadline(10);
    jest.advanceTimersByTime(9);
    expect(() => deadline.check()).not.toThrow();
    jest.advanceTimersByTime(1);
    expect(refusal(() => deadline.check())).toMatchObject(PAST_DEADLINE);
  });

  test('check() reports a cancelled call as cancelled (not retryable), even with time left', () => {
    const controller = new AbortController();
    const deadline = new Deadline(60_000, controller.signal);
    controller.abort();
    expect(refusal(() => deadline.check())).toMatchObject(CANCELLED);
  });

  test('sleep() wakes after exactly the time asked for and leaves no listener on the signal', async () => {
    const controller = new AbortController();
    const removed = jest.spyOn(controller.signal, 'removeEventListener');
    const sleeping = new Deadline(60_000, controller.signal).sleep(500);
    jest.advanceTimersByTime(499);
    expect(await settled(sleeping)).toBe(false);
    jest.advanceTimersByTime(1);
    await expect(sleeping).resolves.toBeUndefined();
    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
    expect(jest.getTimerCount()).toBe(0);
  });

  test('sleep() wakes early on cancellation with the cancelled error, clears its timer and leaves no listener', async () => {
    const controller = new AbortController();
    const sleeping = new Deadline(60_000, controller.signal).sleep(30_000);
    jest.advanceTimersByTime(100);
    controller.abort();
    await expect(sleeping).rejects.toMatchObject(CANCELLED);
    expect(jest.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  test('sleep() refuses to start once the call is cancelled or out of time', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(new Deadline(60_000, controller.signal).sleep(10)).rejects.toMatchObject(CANCELLED);
    const spent = new Deadline(5);
    jest.advanceTimersByTime(5);
    await expect(spent.sleep(10)).rejects.toMatchObject(PAST_DEADLINE);
    expect(jest.getTimerCount()).toBe(0);
  });

  test('race() answers with the work when it finishes in time, and clears its timer and listener', async () => {
    const controller = new AbortController();
    const removed = jest.spyOn(controller.signal, 'removeEventListener');
    const work = new Promise((resolve) => setTimeout(() => resolve('token'), 200));
    const racing = new Deadline(1_000, controller.signal).race(work);
    jest.advanceTimersByTime(200);
    await expect(racing).resolves.toBe('token');
    expect(removed).toHaveBeenCalledWith('abort', expect.any(Function));
    expect(jest.getTimerCount()).toBe(0);
  });

  test("race() gives up at the call's own deadline (retryable) while the shared work goes on", async () => {
    let finished = false;
    const work = new Promise((resolve) => setTimeout(() => resolve((finished = true)), 5_000));
    const racing = new Deadline(1_000).race(work);
    jest.advanceTimersByTime(999);
    expect(await settled(racing)).toBe(false);
    jest.advanceTimersByTime(1);
    expect(await failure(racing)).toMatchObject(PAST_DEADLINE);
    expect(finished).toBe(false);
    jest.advanceTimersByTime(4_000);
    await expect(work).resolves.toBe(true);
  });

  test('race() gives up on cancellation with the cancelled error', async () => {
    const controller = new AbortController();
    const racing = new Deadline(60_000, controller.signal).race(new Promise(() => undefined));
    controller.abort();
    await expect(racing).rejects.toMatchObject(CANCELLED);
    expect(jest.getTimerCount()).toBe(0);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  test('race() passes the work’s own failure through unchanged', async () => {
    const broken = new Error('token endpoint down');
    await expect(new Deadline(1_000).race(Promise.reject(broken))).rejects.toBe(broken);
  });
});
