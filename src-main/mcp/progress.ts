// How a waiting call tells its client that work goes on. Two rules from the protocol and from
// real clients: nothing about a request may be sent after its response (the SDK's Client
// reports a progress notification for a finished request as a transport error), and a client
// that resets its timeout on progress must hear something well inside its timeout (60 s in the
// SDK's Client and the MCP Inspector) even while nothing changes.

/** How often a quiet call says its last line again: well inside a 60 s client timeout. */
export const HEARTBEAT_MS = 10_000;

export interface Reporter {
  /** Says a line now (and repeats it while nothing else is said). */
  say(message: string): void;
  /**
   * Stops saying anything, once every line already said has been sent and a quiet moment has
   * passed since the last: the SDK's Client handles a notification a tick after a response, so
   * a line and the answer read together would reach it in the wrong order.
   */
  close(): Promise<void>;
}

/** The quiet moment between the last line and the answer. */
export const QUIET_BEFORE_ANSWER_MS = 500;

export interface ReporterOptions {
  /** Sends one line; awaited before the next, so close() knows when the last has gone. */
  send: (message: string, progress: number) => Promise<void>;
  /** 0: never repeat (a client that polls for the line needs no heartbeat). */
  heartbeatMs?: number;
  /** The quiet moment close() keeps after the last line (0 for a client that polls). */
  quietMs?: number;
}

export function createReporter(options: ReporterOptions): Reporter {
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  let last: string | null = null;
  let count = 0;
  let lastSentAt: number | null = null;
  const push = (message: string): void => {
    if (closed) return;
    last = message;
    count += 1;
    const progress = count;
    // A failed send (the client went away) is not the task's failure: the next line tries again.
    chain = chain
      .then(() => options.send(message, progress))
      .then(() => void (lastSentAt = Date.now()))
      .catch(() => {});
  };
  const period = options.heartbeatMs ?? HEARTBEAT_MS;
  const heartbeat =
    period > 0
      ? setInterval(() => {
          if (last !== null) push(last);
        }, period)
      : null;
  heartbeat?.unref?.();
  return {
    say(message) {
      if (closed) return;
      push(message);
      // The next repeat comes a full period after this line, not sooner.
      heartbeat?.refresh();
    },
    async close() {
      closed = true;
      if (heartbeat) clearInterval(heartbeat);
      await chain;
      const quiet = options.quietMs ?? QUIET_BEFORE_ANSWER_MS;
      const wait = lastSentAt === null ? 0 : lastSentAt + quiet - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    },
  };
}

/** A reporter that says nothing: for a caller that sent no progress token. */
export const silentReporter: Reporter = { say: () => {}, close: async () => {} };
