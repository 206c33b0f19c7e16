// Carries out a command chosen in the command bar, with the same stores the buttons use.
import { buildInput } from '../composer/compose-input';
import { formFromTemplate } from '../composer/template-form';
import { useCommandStore } from '../../stores/command-store';
import { useQueueStore } from '../../stores/queue-store';
import { useQuestionStore } from '../../stores/question-store';
import { EMPTY_QUERY } from '../../stores/route';
import { useRouteStore } from '../../stores/route-store';
import { useTasksStore } from '../../stores/tasks-store';
import { useTemplatesStore } from '../../stores/templates-store';
import { attempt, toastError, toastInfo } from '../../stores/toast-store';
import type { CommandAction } from './commands';
import type { TaskView } from '../../../src-main/contract/index';

/** Focus after React has rendered the view the element lives in (and the bar has closed). */
function focusSoon(id: string): void {
  requestAnimationFrame(() => setTimeout(() => document.getElementById(id)?.focus(), 0));
}

async function runTemplate(name: string): Promise<void> {
  const template = useTemplatesStore.getState().templates.find((t) => t.name === name);
  if (!template) return toastError(`The template “${name}” no longer exists.`);
  const built = buildInput(formFromTemplate(template));
  if (!built.ok) return toastError(`The template “${name}” cannot run as saved: ${built.error}`);
  const task = await attempt(() => useTasksStore.getState().create(built.input));
  if (!task) return;
  useRouteStore.getState().go('queue');
  toastInfo(`Started “${name}”.`);
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
      void useQueueStore.getState().setPaused(true);
      return;
    case 'resume':
      void useQueueStore.getState().setPaused(false);
      return;
    case 'view':
      return useRouteStore.getState().go(action.view);
    case 'search':
      useRouteStore.getState().setHistoryQuery({ ...EMPTY_QUERY, q: action.text });
      return;
    case 'template':
      void runTemplate(action.name);
      return;
    case 'task':
      return openTask(
        found.find((t) => t.id === action.id),
        action.id,
      );
  }
}
