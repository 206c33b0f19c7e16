// Ctrl+C on `run`: the person learns, in one line, what they leave behind. A task WebRun has
// keeps running there (and billing) when this process stops following it, so the line says so
// and how to follow it (`resume`) or stop it; a second Ctrl+C within 3 s stops it at WebRun,
// after saying so. A task not sent yet is cancelled (nothing was billed); one being sent is
// first given WebRun's answer, so its ids are kept and it can be followed later. Exit 130.
import type { TaskView } from '../contract/schemas';
import { isEnded } from '../contract/task-status';
import { timers } from '../contract/timers';
import type { Desk } from '../core/desk';
import { drainLine, pressCounter } from '../core/runner/drain';
import { writeErr } from './terminal-text';

/** The exit code of a run the person interrupted (128 + SIGINT), listed in the README. */
export const EXIT_INTERRUPTED = 130;
/** How long a second Ctrl+C stops the task at WebRun. */
export const SECOND_PRESS_MS = 3_000;

export interface InterruptSignals {
  /** Calls `onSignal` on each SIGINT until the returned function is called. */
  listen(onSignal: () => void): () => void;
}

export const processSignals: InterruptSignals = {
  listen(onSignal) {
    process.on('SIGINT', onSignal);
    return () => process.off('SIGINT', onSignal);
  },
};

const short = (id: string): string => id.slice(0, 8);

/** Waits until the task is past submission (or settled): WebRun's answer, and its ids, are in. */
export function submitted(desk: Desk, id: string): Promise<TaskView> {
  return new Promise((resolve) => {
    const check = (task: TaskView): void => {
      if (task.status !== 'queued' && task.status !== 'submitting') {
        off();
        resolve(task);
      }
    };
    const off = desk.subscribe((event) => {
      if (event.name === 'task.updated' && event.payload.id === id) check(event.payload);
    });
    void Promise.resolve(desk.handlers['tasks.get']({ id })).then(check);
  });
}

/** Resolves with exit 130 once an interrupt is handled; never resolves otherwise. */
export function onInterrupt(
  desk: Desk,
  taskId: () => string | null,
  signals: InterruptSignals = processSignals,
): { interrupted: Promise<number>; pressed(): boolean; stop(): void } {
  let presses = 0;
  const count = pressCounter();
  let done: (code: number) => void = () => {};
  const interrupted = new Promise<number>((resolve) => (done = resolve));
  const current = async (id: string): Promise<TaskView> => desk.handlers['tasks.get']({ id });

  const handle = async (): Promise<void> => {
    const id = taskId();
    if (id === null) return done(EXIT_INTERRUPTED);
    let task = await current(id);
    if (task.status === 'queued') {
      await desk.handlers['tasks.cancel']({ id });
      writeErr(
        `Interrupted: task ${short(id)} was not sent yet and is cancelled; nothing was billed.\n`,
      );
      return done(EXIT_INTERRUPTED);
    }
    if (task.status === 'submitting') {
      writeErr(
        `Interrupted: task ${short(id)} is being sent; waiting for WebRun's answer so it can be followed later…\n`,
      );
      await desk.drain();
      task = await current(id);
    }
    if (task.status === 'submitting') {
      writeErr(
        `WebRun did not answer in time: task ${short(id)} becomes unknown, and \`webrun-desk resume\` lists it.\n`,
      );
      return done(EXIT_INTERRUPTED);
    }
    if (isEnded(task.status)) {
      // WebRun's answer ended it while we waited: say how, since nothing else will.
      writeErr(
        `Task ${short(id)} is ${task.status.replace('_', ' ')}; see it with \`webrun-desk history\`.\n`,
      );
      return done(EXIT_INTERRUPTED);
    }
    writeErr(
      `Interrupted: task ${short(id)} keeps running at WebRun, and billing. Follow it with \`webrun-desk resume\`; press Ctrl+C again within 3 s to stop it at WebRun.\n`,
    );
    timers.setTimeout(() => presses < 2 && done(EXIT_INTERRUPTED), SECOND_PRESS_MS);
  };

  const stopAtWebRun = async (): Promise<void> => {
    const id = taskId();
    if (id === null) return done(EXIT_INTERRUPTED);
    writeErr(`Stopping task ${short(id)} at WebRun…\n`);
    try {
      // Still being sent: there is nothing to stop until WebRun answers, and leaving first
      // would lose the answer (its ids) while WebRun runs and bills the task.
      await desk.drain();
      const sent = await current(id);
      if (isEnded(sent.status)) {
        writeErr(`Task ${short(id)} is ${sent.status.replace('_', ' ')}.\n`);
        return done(EXIT_INTERRUPTED);
      }
      const task = await desk.handlers['tasks.stop']({ id });
      writeErr(`Task ${short(id)} is ${task.status.replace('_', ' ')}.\n`);
    } catch (error) {
      writeErr(`Could not stop task ${short(id)}: ${(error as Error).message}\n`);
    }
    done(EXIT_INTERRUPTED);
  };

  const off = signals.listen(() => {
    const press = count();
    if (press === presses) return; // the same press, passed on again (drain.ts: SAME_PRESS_MS)
    presses = press;
    if (presses === 1) void handle().catch(() => done(EXIT_INTERRUPTED));
    else if (presses === 2) void stopAtWebRun();
  });
  return { interrupted, pressed: () => presses > 0, stop: off };
}

/**
 * Ctrl+C on a command that follows several tasks (`resume`): what it leaves behind, in one line.
 * A task still being sent first gets WebRun's answer, so its ids are kept; tasks WebRun has keep
 * running there (and billing) and `resume` follows them again; queued ones stay queued, unsent.
 * A second Ctrl+C leaves at once. Resolves with exit 130; never resolves otherwise.
 */
export function onInterruptFollowing(
  desk: Desk,
  taskIds: () => string[] | Promise<string[]>,
  /** Said last, in the same line (what `resume` continues besides the tasks). */
  more: string | null = null,
  signals: InterruptSignals = processSignals,
): { interrupted: Promise<number>; stop(): void } {
  const presses = pressCounter();
  const leave = new AbortController();
  let done: (code: number) => void = () => {};
  const interrupted = new Promise<number>((resolve) => (done = resolve));

  const handle = async (): Promise<void> => {
    // No new task is sent from here on; the answers to those being sent are kept (drain.ts).
    await desk.drain({
      signal: leave.signal,
      onWait: (n) => writeErr(`Interrupted: ${drainLine(n, 'Ctrl+C again to quit now')}\n`),
    });
    if (leave.signal.aborted) return;
    const ids = await taskIds();
    const tasks = await Promise.all(ids.map((id) => desk.handlers['tasks.get']({ id })));
    const live = tasks.filter((t) => !isEnded(t.status) && t.status !== 'queued');
    const queued = tasks.filter((t) => t.status === 'queued');
    const parts = [
      live.length > 0
        ? `${live.length} task(s) keep running at WebRun, and billing (${live.map((t) => short(t.id)).join(', ')}): follow them with \`webrun-desk resume\``
        : 'no task is left running',
      ...(queued.length > 0 ? [`${queued.length} queued task(s) stay queued, unsent`] : []),
      ...(more ? [more] : []),
    ];
    writeErr(`Interrupted: ${parts.join('; ')}.\n`);
    done(EXIT_INTERRUPTED);
  };

  let handled = 0;
  const stop = signals.listen(() => {
    const press = presses();
    if (press === handled) return; // the same press, passed on again (drain.ts: SAME_PRESS_MS)
    handled = press;
    if (press === 1) void handle().catch(() => done(EXIT_INTERRUPTED));
    else if (!leave.signal.aborted) {
      writeErr('Leaving without waiting: a task still being sent becomes unknown.\n');
      leave.abort();
      done(EXIT_INTERRUPTED);
    }
  });
  return { interrupted, stop };
}
