// A task's methods: reading it (task-reads.ts), and its life on a person's word: created,
// cancelled (one or many), put back, stopped, paused, resumed, run again, checked, answered,
// taken over and handed back, moved in the queue. A new task goes through the task service
// (the one door); every control through the runner's controls (this module's
// TaskControlsPort), the one place that sends one or writes a status.
import { DeskError } from '../../contract/dispatch';
import type { DeskHandlers, TaskView } from '../../contract/index';
import { isEnded } from '../../contract/task-status';
import { writableCheck } from '../store/writable';
import { eachOf } from '../webrun/remote';
import { publicView } from './public-view';
import type { SettleWaiters } from './settle-waiters';
import type { TaskControlsPort } from './task-engine';
import { taskGetter, taskReads, type TaskReadContext } from './task-reads';
import type { TaskService } from './task-service';

export interface TaskContext extends TaskReadContext {
  /** The one door for creating, re-running and restoring a task. */
  tasks: TaskService;
  controls: TaskControlsPort;
  /** Every stored task change, to wait on (a cancel that waits for a submission to finish). */
  waits: Pick<SettleWaiters, 'next'>;
  readOnlyReason: string | null;
}

type TaskMethod =
  Exclude<Extract<keyof DeskHandlers, `tasks.${string}`>, 'tasks.list'> | 'inbox.list';

export function taskHandlers(ctx: TaskContext): Pick<DeskHandlers, TaskMethod> {
  return { ...taskReads(ctx), ...taskLife(ctx) };
}

function taskLife(ctx: TaskContext) {
  const { controls } = ctx;
  const writable = writableCheck(ctx.readOnlyReason);
  const getTask = taskGetter(ctx.store);
  const view = (id: string): TaskView => publicView(getTask(id));

  const cancel = async (id: string): Promise<TaskView> => {
    writable();
    const task = getTask(id);
    if (task.status === 'submitting') {
      // Sent but not yet answered: cancel as soon as WebRun says what became of it.
      await ctx.waits.next(id, (t) => t.status !== 'submitting');
      return cancel(id);
    }
    await controls.cancel(id);
    return view(id);
  };

  return {
    'tasks.create': (input) => ctx.tasks.create(input),
    'tasks.cancel': (input) => cancel(input.id),
    'tasks.cancelMany': async (input) => {
      const { done, failed } = await eachOf(input.ids, cancel);
      return { cancelled: done, failed };
    },
    'tasks.restore': (input) => ctx.tasks.restore(input.id),
    'tasks.stop': async (input) => {
      await controls.userStop(input.id);
      return view(input.id);
    },
    'tasks.pause': async (input) => {
      await controls.pause(input.id);
      return view(input.id);
    },
    'tasks.resume': async (input) => {
      await controls.resume(input.id);
      return view(input.id);
    },
    'tasks.retry': (input) => {
      const task = getTask(input.id);
      if (!isEnded(task.status))
        throw new DeskError('conflict', 'Only a finished task can be run again.');
      return ctx.tasks.rerun(
        task,
        input.environmentId === undefined ? task.environmentId : input.environmentId,
      );
    },
    'tasks.resubmit': (input) => {
      const task = getTask(input.id);
      if (task.status !== 'unknown')
        throw new DeskError(
          'conflict',
          'Only a task whose outcome is unknown can be submitted again this way; use retry.',
        );
      return ctx.tasks.rerun(task);
    },
    'tasks.check': (input) => {
      controls.check(input.id);
      return view(input.id);
    },
    'tasks.answer': async (input) => {
      await controls.answer(input.id, input.answer, input.by);
      return view(input.id);
    },
    'tasks.takeOver': async (input) => ({ webViewUrl: await controls.takeOver(input.id) }),
    'tasks.release': async (input) => {
      await controls.release(input.id);
      return { ok: true as const };
    },
    'tasks.move': (input) => {
      controls.move(input.id, input.priority, input.before);
      return view(input.id);
    },
  } satisfies Partial<DeskHandlers>;
}
