// One step of a task's life (an answer applied, a burst of socket events, an end) is written
// as one transaction, and what the step does in memory waits until that transaction commits.
// Why: each commit costs the process more than the rest of the step (a dozen WAL page writes
// and file locks), and a step made of five commits could stop half-way. Holding the effects
// (telling the UI, letting go of the slot, sending the next task, opening a socket) until the
// commit means a step the store refuses leaves nothing behind in memory either: the task is
// still where the database says it is, and whoever started the step tries again.

export class WriteScope {
  private effects: (() => void)[] | null = null;
  /** What to do if the step being written is undone (only a group's steps keep these). */
  private undos: (() => void)[] | null = null;

  constructor(
    private readonly transaction: (step: () => void) => void,
    /** False once SQLite has rolled the whole transaction back (a full disk, an I/O error). */
    private readonly inTransaction: () => boolean = () => true,
  ) {}

  /** True while a step is being written. */
  get open(): boolean {
    return this.effects !== null;
  }

  /** Runs `step` as one transaction (joining the open one, if any), then its effects in order. */
  run(step: () => void): void {
    if (this.effects) {
      step();
      return;
    }
    const effects: (() => void)[] = [];
    this.effects = effects;
    try {
      this.transaction(step);
    } finally {
      this.effects = null;
    }
    // Every effect runs even if one throws (a slot must be let go whatever a listener does);
    // the first failure is then reported to the caller.
    const failure = runAll(effects);
    if (failure) throw failure.error;
  }

  /**
   * Runs several steps (several tasks' answers that came in together) as one transaction, each
   * in a savepoint of its own, so one commit (and one fsync, under TaskStore.durably) serves
   * them all. A step that throws is undone alone: its effects are dropped, what it asked to be
   * done on undo (onUndo) runs once the group has committed, and its error is returned in its
   * place; the others' effects run after the commit, in order. Throws, with nothing of any
   * step kept and no effect run, when the group itself is lost (the commit refused, or a
   * failure that made SQLite roll the whole transaction back): its caller runs each step alone.
   */
  runEach(steps: (() => void)[]): ({ error: unknown } | null)[] {
    if (this.effects) throw new Error('a group of steps cannot join an open step');
    const outcomes: ({ error: unknown } | null)[] = steps.map(() => null);
    // After the commit, per step: its effects if it was kept, what it asked on undo if not.
    const after: (() => void)[][] = steps.map(() => []);
    this.effects = [];
    try {
      this.transaction(() => {
        steps.forEach((step, i) => {
          const effects: (() => void)[] = [];
          const undos: (() => void)[] = [];
          this.effects = effects;
          this.undos = undos;
          try {
            this.transaction(step); // inside the group's transaction: a savepoint
            after[i] = effects;
          } catch (error) {
            if (!this.inTransaction()) throw error;
            outcomes[i] = { error };
            after[i] = undos;
          }
        });
      });
    } finally {
      this.effects = null;
      this.undos = null;
    }
    // A step's effect that throws is its failure, as run() reports it to its caller.
    after.forEach((fns, i) => {
      const failure = runAll(fns);
      if (failure) outcomes[i] ??= failure;
    });
    return outcomes;
  }

  /** Runs `undo` if the group step being written is undone; outside a group, never. */
  onUndo(undo: () => void): void {
    this.undos?.push(undo);
  }

  /** Runs `effect` once the open step commits (at once when none is open); never if it rolls back. */
  afterCommit(effect: () => void): void {
    if (this.effects) this.effects.push(effect);
    else effect();
  }
}

/** Runs every function even if one throws; the first failure is returned. */
function runAll(fns: (() => void)[]): { error: unknown } | null {
  let failure: { error: unknown } | null = null;
  for (const fn of fns) {
    try {
      fn();
    } catch (error) {
      failure ??= { error };
    }
  }
  return failure;
}
