// A host that closes while WebRun holds a submission (it may hold run-task 50 s) must not drop
// the answer: the request went out, WebRun runs and bills the task, and only the answer carries
// its ids. So every host closes through this drain: the runner stops claiming queued tasks (they
// stay queued, unsent, for the next start), and the close waits, bounded, until each submission
// in flight has its answer (or its failure) written, durably as always. The desk is still open
// meanwhile, so its lease is renewed and no other process takes those tasks over. A person who
// will not wait (a second Ctrl+C, a forced quit) ends the wait: what is still out then becomes
// `unknown` at the next start, for recovery, as before.
import type { Runner } from './runner';
import type { Timer } from './runner-options';

/**
 * How long a close waits at most: past the client's own 70 s limit for a submission, so every
 * request in flight ends with its answer or its own timeout written, never cut. A test or a
 * person may shorten it with WEBRUN_DESK_DRAIN_MS.
 */
export function drainBoundMs(env: NodeJS.ProcessEnv = process.env): number {
  const set = Number(env.WEBRUN_DESK_DRAIN_MS);
  return Number.isFinite(set) && set >= 0 ? set : 75_000;
}

export interface DrainOptions {
  /** The bound (default drainBoundMs()). */
  timeoutMs?: number;
  /** Told once, before waiting, how many submissions the close waits for (never when none). */
  onWait?: (count: number) => void;
  /** Aborted: stop waiting now (a second Ctrl+C, a forced quit). */
  signal?: AbortSignal;
  /**
   * Queued tasks the host promised to send before it leaves (the MCP server told its client
   * they started): still claimed and sent within the same bound, while the queue can move.
   */
  send?: readonly string[];
}

/** The one line a host says while it waits; `again` names what skips the wait. */
export function drainLine(count: number, again: string): string {
  return `Waiting for WebRun to answer ${count} ${count === 1 ? 'task' : 'tasks'} being submitted (${again})…`;
}

/**
 * Stops claiming and waits for the submissions in flight (and the promised ones) to be written.
 * Resolves with how many were still out when the wait ended (0: none was cut).
 */
export async function drainSubmissions(
  runner: Runner,
  options: DrainOptions = {},
): Promise<number> {
  const promised = new Set(options.send ?? []);
  runner.stopClaiming(promised);
  const o = runner.o;
  // A promised task moves only while the queue does: a paused queue or a cap holds it for good.
  const queued = (): string[] => {
    const status = runner.status();
    if (status.paused || (status.blockedReason !== null && status.blockedUntil === null)) return [];
    return [...promised].filter((id) => runner.store.get(id)?.status === 'queued');
  };
  // Sends not claimed yet (waiting for a slot of the limit) end now, their tasks still queued:
  // the line counts the requests that went out.
  const sent = [...runner.inFlight().keys()].filter(
    (id) => runner.store.get(id)?.status === 'submitting',
  );
  const count = sent.length + queued().length;
  if (count === 0) return 0;
  options.onWait?.(count);
  let timer: Timer | null = null;
  const ended = new Promise<'ended'>((resolve) => {
    timer = o.setTimeout(() => resolve('ended'), options.timeoutMs ?? drainBoundMs());
    if (options.signal?.aborted) resolve('ended');
    options.signal?.addEventListener('abort', () => resolve('ended'), { once: true });
  });
  try {
    for (;;) {
      const flying = [...runner.inFlight().values()];
      const waiting = queued().length > 0;
      if (flying.length === 0 && !waiting) return 0;
      // Nothing announces that a promised task left the queue (it waits for a slot of the
      // limit, or a backoff, first): while one is queued, look again every quarter second.
      const look = waiting
        ? new Promise<void>((resolve) => void o.setTimeout(resolve, 250))
        : new Promise<never>(() => {});
      if ((await Promise.race([Promise.all(flying), look, ended])) === 'ended')
        return runner.inFlight().size;
    }
  } finally {
    if (timer) o.clearTimeout(timer);
  }
}

/**
 * One Ctrl+C can arrive up to three times: the terminal signals the whole process group, and
 * npm (`npm start`, `npx`) and scripts/start.mjs each pass the signal on to their child. Signals
 * this close to the first are that same press; a person's second press comes later.
 */
export const SAME_PRESS_MS = 1_000;

/** Counts a person's presses from the signals as they arrive: 1, then 2, 3… past SAME_PRESS_MS. */
export function pressCounter(now: () => number = Date.now): () => number {
  let first: number | null = null;
  let presses = 0;
  return () => {
    const at = now();
    if (first === null) first = at;
    if (presses === 0 || at - first >= SAME_PRESS_MS) presses += 1;
    return presses;
  };
}
