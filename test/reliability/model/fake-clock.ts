// A clock the test moves by hand, for code that takes now/setTimeout/clearTimeout as options.
// Real I/O (loopback HTTP, SQLite) still runs for real: after every timer the clock waits for
// the system to settle (no request in flight, no callback pending) before firing the next.
type Timer = ReturnType<typeof setTimeout>;

interface Entry {
  id: number;
  at: number;
  fn: () => void;
}

export class FakeClock {
  private t: number;
  private seq = 0;
  private readonly timers = new Map<number, Entry>();

  constructor(
    start: number,
    /** Resolves once nothing is in flight (the model's requests, its microtasks). */
    private readonly settle: () => Promise<void>,
  ) {
    this.t = start;
  }

  now = (): number => this.t;

  setTimeout = (fn: () => void, ms: number): Timer => {
    const id = ++this.seq;
    this.timers.set(id, { id, at: this.t + Math.max(0, ms), fn });
    return id as unknown as Timer;
  };

  clearTimeout = (timer: Timer): void => {
    this.timers.delete(timer as unknown as number);
  };

  /** Moves time forward by `ms`, firing every timer due on the way, in order. */
  async advance(ms: number): Promise<void> {
    const until = this.t + ms;
    await this.settle();
    for (;;) {
      let next: Entry | null = null;
      for (const entry of this.timers.values())
        if (
          entry.at <= until &&
          (!next || entry.at < next.at || (entry.at === next.at && entry.id < next.id))
        )
          next = entry;
      if (!next) break;
      this.timers.delete(next.id);
      this.t = Math.max(this.t, next.at);
      next.fn();
      await this.settle();
    }
    this.t = until;
  }

  pending(): number {
    return this.timers.size;
  }
}
