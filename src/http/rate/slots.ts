import { Deadline } from '../deadline';

/** A counting semaphore whose waiters give up at their call's deadline; slots are handed on in order. */
export class Slots {
  private used = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly capacity: () => number) {}

  get inUse(): number {
    return this.used;
  }

  async acquire(deadline: Deadline): Promise<() => void> {
    while (this.used >= this.capacity()) {
      deadline.check();
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          const i = this.waiting.indexOf(wake);
          if (i >= 0) this.waiting.splice(i, 1);
          resolve();
        }, Math.max(1, Math.min(deadline.remainingMs(), 1_000)));
        const wake = () => {
          clearTimeout(timer);
          resolve();
        };
        this.waiting.push(wake);
      });
    }
    this.used++;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.used--;
      this.waiting.shift()?.();
    };
  }
}
