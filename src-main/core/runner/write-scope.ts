// One step of a task's life (an answer applied, a burst of socket events, an end) is written
// as one transaction, and what the step does in memory waits until that transaction commits.
// Why: each commit costs the process more than the rest of the step (a dozen WAL page writes
// and file locks), and a step made of five commits could stop half-way. Holding the effects
// (telling the UI, letting go of the slot, sending the next task, opening a socket) until the
// commit means a step the store refuses leaves nothing behind in memory either: the task is
// still where the database says it is, and whoever started the step tries again.

export class WriteScope {
  private effects: (() => void)[] | null = null;

  constructor(private readonly transaction: (step: () => void) => void) {}

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
    let failure: { error: unknown } | null = null;
    for (const effect of effects) {
      try {
        effect();
      } catch (error) {
        failure ??= { error };
      }
    }
    if (failure) throw failure.error;
  }

  /** Runs `effect` once the open step commits (at once when none is open); never if it rolls back. */
  afterCommit(effect: () => void): void {
    if (this.effects) this.effects.push(effect);
    else effect();
  }
}
