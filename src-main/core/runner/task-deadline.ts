// A running task must end: its deadline (maxDuration plus a grace), kept with the task so a
// restart neither restarts nor forgets it. Past it the task becomes `unknown`, with "check".
import { deadlineReason } from './error-policy';
import type { RunnerContext } from './runner-context';

/**
 * A running task must end: past its maxDuration plus a grace it becomes `unknown`, with the
 * "check" action. The clock runs while the task runs (from its start, or from the moment it
 * ran again after a question or a pause, which WebRun does not count against it).
 */
export function armDeadline(c: RunnerContext, id: string, fromNow = false): void {
  const entry = c.entry(id);
  if (entry.deadlineTimer) return;
  const task = c.store.get(id);
  if (!task) return;
  const total = (task.options.maxDuration ?? c.o.defaultMaxDurationMs) + c.o.deadlineGraceMs;
  // Running again after a wait: a new deadline. Otherwise the stored one (a restart keeps
  // it: re-armed from now, a task restarted often enough would never reach it), else from
  // the task's start.
  const deadlineAt =
    fromNow || task.startedAt === null
      ? c.o.now() + total
      : (task.deadlineAt ?? task.startedAt + total);
  if (task.deadlineAt !== deadlineAt) c.change(id, { deadlineAt });
  const wait = Math.max(0, deadlineAt - c.o.now());
  entry.deadlineTimer = c.o.setTimeout(
    () =>
      void c.guard(async () => {
        entry.deadlineTimer = null;
        const fresh = c.store.get(id);
        if (!fresh || fresh.status !== 'running' || c.tracked.get(id) !== entry) return;
        c.settle(id, () => {
          if (c.store.get(id)?.status !== 'running') return;
          c.finish(id, {
            status: 'unknown',
            error: {
              code: 'DEADLINE_PASSED',
              message: deadlineReason(
                task.options.maxDuration ?? c.o.defaultMaxDurationMs,
                c.o.deadlineGraceMs,
              ),
            },
          });
        });
      }),
    wait,
  );
}

export function clearDeadline(c: RunnerContext, id: string): void {
  const entry = c.tracked.get(id);
  if (entry?.deadlineTimer) {
    c.o.clearTimeout(entry.deadlineTimer);
    entry.deadlineTimer = null;
  }
}
