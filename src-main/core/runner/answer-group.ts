// WebRun's answers that come in together (the submissions and polls of one turn of the event
// loop) are written in one transaction, fsync'd once, each answer in a savepoint of its own.
// Why: the first answer to a submission carries WebRun's ids, which must be on disk before
// anything acts on them, and an fsync'd commit of its own per answer (a dozen WAL pages: the
// task, its indexes, its events, its URLs, the spend rollup) was the largest cost of following
// a task; the answers of one turn share most of those pages, and one commit writes them once.
// Nothing acts on an answer before the commit: each answer's effects (the UI told, the slot let
// go, the next task sent, a socket opened, a poll) run after it, and its promise settles then.
// An answer whose write fails is undone alone and fails as it would have alone (its ids then
// written on their own); if the group itself is lost, each answer is written alone instead.
import type { WriteScope } from './write-scope';

interface Waiting {
  apply: () => void;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface AnswerGroupOptions {
  writes: WriteScope;
  /** Runs `write` with its commit fsync'd (TaskStore.durably). */
  durably: (write: () => void) => void;
  /** Runs `fn` once this turn's I/O is over (setImmediate; the runner's afterBurst). */
  later: (fn: () => void) => void;
}

export class AnswerGroup {
  private waiting: Waiting[] = [];

  constructor(private readonly o: AnswerGroupOptions) {}

  /** Applies an answer with the others of this turn; settles once it is committed and acted on. */
  apply(apply: () => void): Promise<void> {
    return new Promise((resolve, reject) => {
      // Queued first, so a `later` that runs at once (a test's) still finds this answer.
      this.waiting.push({ apply, resolve, reject });
      if (this.waiting.length === 1) this.o.later(() => this.flush());
    });
  }

  /**
   * Writes the answers waiting for this turn's end now. The runner calls it as it closes: an
   * answer WebRun gave is written, ids and all, even when the host closes in the same turn.
   */
  flush(): void {
    const group = this.waiting;
    this.waiting = [];
    if (group.length === 0) return;
    // A lone answer is written as it always was: alone.
    if (group.length === 1) return settle(group[0]!, group[0]!.apply);
    let outcomes: ({ error: unknown } | null)[];
    try {
      let result: ({ error: unknown } | null)[] = [];
      this.o.durably(() => (result = this.o.writes.runEach(group.map((w) => w.apply))));
      outcomes = result;
    } catch {
      // Nothing of the group was kept: each answer is written alone, as it would have been.
      for (const w of group) settle(w, () => w.apply());
      return;
    }
    group.forEach((w, i) => {
      const outcome = outcomes[i];
      if (outcome) w.reject(outcome.error);
      else w.resolve();
    });
  }
}

function settle(w: Waiting, fn: () => void): void {
  try {
    fn();
    w.resolve();
  } catch (error) {
    w.reject(error);
  }
}
