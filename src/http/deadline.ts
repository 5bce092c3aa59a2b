import { ConnectorError } from '../errors';

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
      this.signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
