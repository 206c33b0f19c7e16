// Writes a task's network log without freezing the app: WebRun sends the whole list so far
// with every answer, which can be huge (a crawl of a million URLs). The stored log keeps the
// first MAX_STORED_URLS, written in small transactions between which the event loop runs (a
// list that fits one is written at once, as part of the answer's own write); the task records
// the true total, so the UI can say how much was kept.
import type { TaskDetailsStore } from '../tasks/task-details-store';
import type { NetworkEntry } from '../webrun/types';

export const MAX_STORED_URLS = 100_000;
const CHUNK = 2_000;

export class NetworkLog {
  /** The write in progress per task; a newer list supersedes it. */
  private readonly writes = new Map<string, { generation: number; done: Promise<void> }>();
  private generation = 0;

  constructor(
    private readonly details: TaskDetailsStore,
    private readonly onError: (taskId: string, error: unknown) => void,
  ) {}

  /** Records the latest full list: a short one at once, a long one in the background. */
  write(taskId: string, entries: NetworkEntry[]): void {
    const kept = entries.length > MAX_STORED_URLS ? entries.slice(0, MAX_STORED_URLS) : entries;
    const stored = this.details.networkCount(taskId);
    // Lists only grow while a task runs: store just the new tail when the head is unchanged.
    const firstStored = stored > 0 ? this.details.network(taskId, 1)[0]?.url : undefined;
    const extends_ = stored <= kept.length && (stored === 0 || firstStored === kept[0]?.url);
    if (extends_ && stored === kept.length) return;
    const from = extends_ ? stored : 0;
    if (!this.writes.has(taskId) && kept.length - from <= CHUNK) {
      // A short list (nearly every answer) is written at once, inside the step that brought it.
      if (!extends_) this.details.replaceNetwork(taskId, []);
      this.details.addNetwork(taskId, kept.slice(from));
      return;
    }
    const generation = ++this.generation;
    const previous = this.writes.get(taskId)?.done ?? Promise.resolve();
    const done = previous.then(async () => {
      if (this.writes.get(taskId)?.generation !== generation) return; // superseded
      try {
        let from = this.details.networkCount(taskId);
        if (!(extends_ && from <= kept.length)) {
          this.details.replaceNetwork(taskId, []);
          from = 0;
        }
        for (let i = from; i < kept.length; i += CHUNK) {
          if (this.writes.get(taskId)?.generation !== generation) return;
          this.details.addNetwork(taskId, kept.slice(i, i + CHUNK));
          await new Promise((resolve) => setImmediate(resolve));
        }
      } catch (error) {
        this.onError(taskId, error);
      }
    });
    this.writes.set(taskId, { generation, done });
    void done.finally(() => {
      if (this.writes.get(taskId)?.generation === generation) this.writes.delete(taskId);
    });
  }

  /** Resolves when the task's log is fully written (for the CLI and tests). */
  settled(taskId: string): Promise<void> {
    return this.writes.get(taskId)?.done ?? Promise.resolve();
  }

  stop(): void {
    this.writes.clear();
  }
}
