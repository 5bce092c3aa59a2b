import { ConnectorError } from '../core/errors';

/** One overall deadline for a call, plus the caller's cancellation signal. */
export class Deadline {
  private readonly endsAt: number;

  constructor(timeoutMs: number, readonly signal?: AbortSignal) {
    this.endsAt = Date.now() + timeoutMs;
  }

  remainingMs(): number {
    return Math.max(0, this.endsAt - Date.now());
  }

  /** Throws the right error when the call was cancelled or ran out of time. */
  check(): void {
    if (this.signal?.aborted) throw new ConnectorError('timeout', 'The call was cancelled by the caller');
    if (this.remainingMs() <= 0) throw new ConnectorError('timeout', 'The call ran past its deadline', { retryable: true });
  }

  /** Waits `ms`, waking early (with an error) on cancellation. */
  async sleep(ms: number): Promise<void> {
    this.check();
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => {
        clearTimeout(timer);
        reject(new ConnectorError('timeout', 'The call was cancelled by the caller'));
      };
      const timer = setTimeout(() => {
        this.signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      this.signal?.addEventListener('abort', onAbort, { once: true }); // an abort removes it; the timer removes it otherwise
    });
  }

  /**
   * Waits for work this call shares with others (e.g. one token request for many calls): the call gives up
   * at its own deadline or cancellation, while the shared work goes on for the rest.
   */
  async race<T>(work: Promise<T>): Promise<T> {
    this.check();
    let timer: NodeJS.Timeout | undefined;
    let onAbort: (() => void) | undefined;
    const stop = new Promise<never>((_resolve, reject) => {
      timer = setTimeout(() => reject(new ConnectorError('timeout', 'The call ran past its deadline', { retryable: true })), this.remainingMs());
      onAbort = () => reject(new ConnectorError('timeout', 'The call was cancelled by the caller'));
      this.signal?.addEventListener('abort', onAbort); // removed in `finally`
    });
    try {
      return await Promise.race([work, stop]);
    } finally {
      clearTimeout(timer);
      if (onAbort) this.signal?.removeEventListener('abort', onAbort);
    }
  }
}
