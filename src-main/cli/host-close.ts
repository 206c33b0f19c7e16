// How a long-running host (`serve`, the app in browser mode, and `mcp`) closes on SIGINT or
// SIGTERM, or when its client leaves: it stops taking work, then drains (core/runner/drain.ts):
// WebRun's answers to the tasks being submitted are awaited and written, with one line saying so,
// then the history is closed cleanly and the process exits 0. A second press skips the wait (the
// tasks still out become unknown at the next start, for recovery). Every signal keeps a handler:
// one Ctrl+C under `npm start` arrives up to three times, and one without a handler would kill
// the close midway.
import type { Desk } from '../core/desk';
import { drainBoundMs, drainLine, pressCounter } from '../core/runner/drain';
import type { Progress } from './command';

export interface HostCloseOptions {
  desk: Desk;
  progress: Progress;
  /** Said first, when the close starts (serve: "Closing WebRun Desk…"). */
  closing?: string;
  /** What skips the wait, as the waiting line says it. */
  again: string;
  /** Stops taking new work (the browser server, the MCP transport). */
  stopTaking(): Promise<void>;
  /** Queued tasks promised to be sent before leaving (the MCP server's; see DrainOptions.send). */
  promised?(): string[];
  /** After the wait, before the history closes (the MCP server names what stayed queued). */
  afterWait?(): void;
  /** Where signals arrive (the process). */
  signals?: { on(signal: 'SIGINT' | 'SIGTERM', listener: () => void): unknown };
  exit?(code: number): void;
}

/** Listens for SIGINT and SIGTERM; `stop` starts the same close without a signal (stdin ended). */
export function closeOnSignals(o: HostCloseOptions): { stop(): Promise<void> } {
  const skip = new AbortController();
  const presses = pressCounter();
  let closing: Promise<void> | null = null;
  let waiting = false;
  // Begun a turn later: stopping the MCP transport calls its onclose, which calls stop again.
  const stop = (): Promise<void> =>
    (closing ??= Promise.resolve().then(async () => {
      if (o.closing) o.progress(o.closing);
      await o.stopTaking().catch(() => {});
      const left = await o.desk.drain({
        timeoutMs: drainBoundMs(),
        signal: skip.signal,
        onWait: (count) => {
          waiting = true;
          o.progress(drainLine(count, o.again));
        },
        ...(o.promised ? { send: o.promised() } : {}),
      });
      waiting = false;
      if (left > 0 && !skip.signal.aborted)
        o.progress(
          `WebRun did not answer ${left} submission(s) in time; the next start checks what became of them.`,
        );
      o.afterWait?.();
      await o.desk.close();
      (o.exit ?? process.exit)(0);
    }));
  const onSignal = (): void => {
    if (presses() === 1) return void stop();
    if (waiting && !skip.signal.aborted)
      o.progress(
        'Not waiting: a task still being submitted becomes unknown, and the next start checks it.',
      );
    skip.abort();
  };
  const signals = o.signals ?? process;
  signals.on('SIGINT', onSignal);
  signals.on('SIGTERM', onSignal);
  return { stop };
}
