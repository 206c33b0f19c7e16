// Recovery's rule for one unfinished task another run (or a process now gone) left. A task
// caught mid-submission without remote ids may or may not exist at WebRun, so it becomes
// `unknown` rather than being resent; any other is followed from where it stands.
import type { StoredTask } from '../tasks/task-store';
import { newTracked, type RunnerContext } from './runner-context';
import type { TaskFollower } from './task-follower';

const UNKNOWN_MESSAGE =
  'The app stopped while this task was being submitted; it may or may not be running at WebRun. Check it or submit it again.';

/** The caller has checked that the runner is open and the task neither tracked nor queued. */
export function adoptTask(ctx: RunnerContext, follower: TaskFollower, task: StoredTask): void {
  // Held (a slot) until the write is stored: one the store refuses is tried again on a timer
  // (settle), since the take-over that led here has already let go of the task and would not
  // look again; a task taken over is never left holding a slot with nothing to move it.
  ctx.tracked.set(task.id, newTracked());
  if (task.status === 'submitting' && !task.pollUrl && !(task.sessionId && task.remoteTaskId)) {
    ctx.settle(task.id, () => {
      // Held meanwhile, so another desk's recovery leaves it to this one.
      ctx.o.hold(task.id);
      ctx.change(task.id, {
        status: 'unknown',
        endedAt: ctx.o.now(),
        error: { code: 'OUTCOME_UNKNOWN', message: UNKNOWN_MESSAGE },
      });
      ctx.release(task.id, null);
      ctx.dispatch();
    });
    return;
  }
  ctx.settle(task.id, () => {
    ctx.o.hold(task.id);
    if (task.sessionId) {
      ctx.sessions.adopt(task.sessionId);
      ctx.busySessions.set(task.sessionId, task.id);
      ctx.attach(task.sessionId, ctx.sessions.get(task.sessionId)?.socketUrl ?? ctx.o.baseUrl);
    }
    if (task.status === 'submitting') ctx.change(task.id, { status: 'running' });
    if (task.status === 'submitting' || task.status === 'running') follower.armDeadline(task.id);
    ctx.polls.now(task.id);
  });
}
