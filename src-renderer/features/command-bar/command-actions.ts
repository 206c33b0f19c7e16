// Carries out a command chosen in the command bar, with the same stores the buttons use.
import { useCommandBarStore } from '../../stores/command-bar-store';
import { useCommandStore } from '../../stores/command-store';
import { confirmAction } from '../../stores/confirm-store';
import { useQueueStore } from '../../stores/queue-store';
import { useQuestionStore } from '../../stores/question-store';
import { EMPTY_QUERY } from '../../stores/route';
import { useRouteStore } from '../../stores/route-store';
import { useTasksStore } from '../../stores/tasks-store';
import type { CommandAction } from './commands';
import type { TaskView } from '../../../src-main/contract/index';

/** Focus after React has rendered the view the element lives in (and the bar has closed). */
function focusSoon(id: string): void {
  requestAnimationFrame(() => setTimeout(() => document.getElementById(id)?.focus(), 0));
}

/** Pausing or resuming changes every queued task: it is confirmed, never a bare Enter. */
async function setPaused(paused: boolean): Promise<void> {
  const waiting = useQueueStore.getState().status?.queued ?? 0;
  const tasks = `${waiting} queued task${waiting === 1 ? '' : 's'}`;
  const ok = await confirmAction(
    paused
      ? {
          title: 'Pause the whole queue?',
          body: [
            `No new task starts until you resume (${tasks} now). Running tasks go on.`,
            'Every view shows a banner while the queue is paused.',
          ],
          confirmLabel: 'Pause the queue',
          keepLabel: 'Keep running',
        }
      : {
          title: 'Resume the queue?',
          body: [`Queued tasks start again (${tasks} now), and each one is billed.`],
          confirmLabel: 'Resume the queue',
          keepLabel: 'Keep paused',
        },
  );
  if (ok) await useQueueStore.getState().setPaused(paused);
}

function openTask(task: TaskView | undefined, id: string): void {
  const tasks = useTasksStore.getState();
  if (task) tasks.remember([task]);
  tasks.select(id);
  // History shows the inspector too; everywhere else the queue is where a task is seen.
  if (useRouteStore.getState().route.view !== 'history') useRouteStore.getState().go('queue');
  focusSoon('inspector-title');
}

export function runAction(action: CommandAction, found: readonly TaskView[]): void {
  switch (action.kind) {
    case 'new-task':
      return useCommandStore.getState().run('new-task');
    case 'shortcuts':
      return useCommandStore.getState().run('shortcuts');
    case 'answer':
      return useQuestionStore.getState().request();
    case 'pause':
      void setPaused(true);
      return;
    case 'resume':
      void setPaused(false);
      return;
    case 'view':
      return useRouteStore.getState().go(action.view);
    case 'search':
      useRouteStore.getState().setHistoryQuery({ ...EMPTY_QUERY, q: action.text });
      return;
    case 'template':
      // The run form shows what will be sent and asks for any {{placeholder}}: only its Run spends.
      return useCommandBarStore.getState().openTemplate(action.name);
    case 'task':
      return openTask(
        found.find((t) => t.id === action.id),
        action.id,
      );
  }
}
