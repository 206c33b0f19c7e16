// Claims (queued → submitting) asked for in one turn of the event loop are written together,
// in one transaction fsync'd once, before any of their requests leaves. Why: the claim must be
// on disk before its request (a power cut that undid it would send the task again), and an
// fsync'd commit each was the largest cost of sending a task; the runner dispatches several
// tasks in one turn (every slot freed by a burst of answers, a batch enqueued at once), and
// one fsync serves them all. A claim waits at most for the end of the turn's I/O.
//
// Nothing is sent until the commit returns: each claim's promise settles only after it (with
// the task as stored, or null when another process took it or it left the queue), and a
// refused commit rejects every claim of the turn, leaving all of them queued.
import type { StoredTask } from '../tasks/task-store';

interface Waiting {
  id: string;
  resolve: (task: StoredTask | null) => void;
  reject: (error: unknown) => void;
}

export interface ClaimBatchOptions {
  /** Claims the tasks in one durable transaction (TaskStore.claimAll). */
  claimAll: (ids: string[]) => (StoredTask | null)[];
  /** Runs `fn` once this turn's I/O is over (setImmediate; the runner's afterBurst). */
  later: (fn: () => void) => void;
  /**
   * True for a task that may not be claimed now: a closed runner claims nothing, a closing one
   * only what its host still promised to send (drain.ts); such tasks stay queued.
   */
  closed: (id: string) => boolean;
}

export class ClaimBatch {
  private waiting: Waiting[] = [];

  constructor(private readonly o: ClaimBatchOptions) {}

  /** The task, claimed for this process once the turn's claims are on disk (null: not claimed). */
  claim(id: string): Promise<StoredTask | null> {
    return new Promise((resolve, reject) => {
      // Queued first, so a `later` that runs at once (a test's) still finds this claim.
      this.waiting.push({ id, resolve, reject });
      if (this.waiting.length === 1) this.o.later(() => this.flush());
    });
  }

  private flush(): void {
    const batch = this.waiting.filter((w) => !this.o.closed(w.id));
    for (const w of this.waiting) if (!batch.includes(w)) w.resolve(null);
    this.waiting = [];
    if (batch.length === 0) return;
    let claimed: (StoredTask | null)[];
    try {
      claimed = this.o.claimAll(batch.map((w) => w.id));
    } catch (error) {
      for (const w of batch) w.reject(error);
      return;
    }
    batch.forEach((w, i) => w.resolve(claimed[i] ?? null));
  }
}
