// Every timer the sandbox starts goes through here, so close() can clear them all and the
// host process (a test runner, the CLI) is never kept alive by a forgotten simulation.

export type Cancel = () => void;

export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();
  private closed = false;

  /** Runs `fn` after `ms` real milliseconds; returns a canceller. No-op once closed. */
  after(ms: number, fn: () => void): Cancel {
    if (this.closed) return () => {};
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      fn();
    }, Math.max(0, ms));
    this.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
    };
  }

  /** Resolves after `ms`, or at once when the scheduler closes (so awaiting handlers finish). */
  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.closed) return resolve();
      const done = (): void => {
        cancel();
        this.onClose.delete(done);
        resolve();
      };
      const cancel = this.after(ms, done);
      this.onClose.add(done);
    });
  }

  readonly onClose = new Set<() => void>();

  get isClosed(): boolean {
    return this.closed;
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const fn of this.onClose) fn();
    this.onClose.clear();
  }
}
