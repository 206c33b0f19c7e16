// Keeps every UI's queue counts true. The runner reports the queue when it dispatches, but a
// task queued while the queue is paused or full, cancelled while it waits, or finished with
// nothing left to start changes the counts without any dispatch ("Paused · 0 waiting" with two
// tasks queued). So after a task changes, the counts are read again (at most once per interval,
// however many tasks changed) and sent only when they differ from what was last sent.
import type { QueueStatus } from '../../contract/index';

type Timer = ReturnType<typeof setTimeout>;

export interface QueueStatusFeedOptions {
  read: () => QueueStatus;
  emit: (status: QueueStatus) => void;
  intervalMs?: number;
  setTimeout?: (fn: () => void, ms: number) => Timer;
  clearTimeout?: (timer: Timer) => void;
}

export class QueueStatusFeed {
  private last = '';
  private timer: Timer | null = null;
  private closed = false;

  constructor(private readonly o: QueueStatusFeedOptions) {}

  /** The runner's own report: sent as it is, and remembered so an equal reading is not sent again. */
  report(status: QueueStatus): void {
    this.last = JSON.stringify(status);
    this.o.emit(status);
  }

  /** A task changed: read the counts again soon. */
  taskChanged(): void {
    if (this.closed || this.timer !== null) return;
    const set = this.o.setTimeout ?? ((fn, ms) => setTimeout(fn, ms));
    this.timer = set(() => {
      this.timer = null;
      if (!this.closed) this.check();
    }, this.o.intervalMs ?? 50);
  }

  /** Reads the counts now and sends them if they changed. */
  check(): void {
    const status = this.o.read();
    const key = JSON.stringify(status);
    if (key === this.last) return;
    this.report(status);
  }

  close(): void {
    this.closed = true;
    if (this.timer !== null) (this.o.clearTimeout ?? clearTimeout)(this.timer);
    this.timer = null;
  }
}
