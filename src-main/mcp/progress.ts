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
  /** Stops saying anything, once every line already said has been sent. */
  close(): Promise<void>;
}

export interface ReporterOptions {
  /** Sends one line; awaited before the next, so close() knows when the last has gone. */
  send: (message: string, progress: number) => Promise<void>;
  /** 0: never repeat (a client that polls for the line needs no heartbeat). */
  heartbeatMs?: number;
}

export function createReporter(options: ReporterOptions): Reporter {
  let chain: Promise<void> = Promise.resolve();
  let closed = false;
  let last: string | null = null;
  let count = 0;
  const push = (message: string): void => {
    if (closed) return;
    last = message;
    count += 1;
    const progress = count;
    // A failed send (the client went away) is not the task's failure: the next line tries again.
    chain = chain.then(() => options.send(message, progress)).catch(() => {});
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
    },
  };
}

/** A reporter that says nothing: for a caller that sent no progress token. */
export const silentReporter: Reporter = { say: () => {}, close: async () => {} };
