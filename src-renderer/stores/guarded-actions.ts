// Cancel, stop, delete and terminate as the buttons run them: what nothing has been sent for
// is done at once with an Undo; what WebRun already has (or what deletes local records) asks
// first, naming what will be lost. Every view calls these, so each action behaves the same
// wherever its button is.
import type {
  EnvironmentView,
  InboxItem,
  TaskView,
  TriggerView,
} from '../../src-main/contract/index';
import { isEnded } from '../../src-main/contract/task-status';
import { deskClient } from '../api/desk-client';
import { confirmAction } from './confirm-store';
import { useEnvironmentsStore } from './environments-store';
import { useHistoryStore } from './history-store';
import { useInboxStore } from './inbox-store';
import {
  cancelManyRequest,
  deleteEnvironmentRequest,
  deleteHistoryRequest,
  deleteScheduleRequest,
  deleteWatchRequest,
  shortPrompt,
  stopRequest,
  terminateRequest,
  terminateStrayRequest,
} from './loss-text';
import { useQueueStore } from './queue-store';
import { useSchedulesStore } from './schedules-store';
import { useSessionsStore } from './sessions-store';
import { useTasksStore } from './tasks-store';
import { useTemplatesStore } from './templates-store';
import { useUndoStore } from './undo-store';
import { useWatchesStore } from './watches-store';

/** Cancel: a queued task goes at once, with Undo; a task WebRun has is confirmed first. */
export async function cancelTask(task: TaskView): Promise<void> {
  const tasks = useTasksStore.getState();
  if (task.status === 'queued') {
    const done = await tasks.act('tasks.cancel', task.id);
    // Dispatched meanwhile: the core stopped it at WebRun, which no Undo can take back.
    if (done?.status !== 'cancelled' || done.startedAt !== null) return;
    useUndoStore
      .getState()
      .offer(`Cancelled “${shortPrompt(task.prompt)}” before it was sent.`, async () => {
        const back = await deskClient().call('tasks.restore', { id: task.id });
        useTasksStore.getState().remember([back]);
      });
    return;
  }
  if ((await confirmAction(stopRequest(task, 'cancel'))) && !endedSince(task.id))
    await tasks.act('tasks.cancel', task.id);
}

/** The task ended while its confirmation was open: there is nothing left to stop. */
function endedSince(id: string): boolean {
  const now = useTasksStore.getState().byId[id];
  return now !== undefined && isEnded(now.status);
}

/** Stop, from the Live tab: WebRun ends the agent, so it is always confirmed. */
export async function stopTask(task: TaskView): Promise<void> {
  if ((await confirmAction(stopRequest(task, 'stop'))) && !endedSince(task.id))
    await useTasksStore.getState().act('tasks.stop', task.id);
}

/** Stop instead of answering a question (dialog or inbox); true once the person confirmed. */
export async function stopQuestion(item: InboxItem): Promise<boolean> {
  const task = useTasksStore.getState().byId[item.taskId] ?? {
    prompt: item.prompt,
    usage: null,
    costSource: null,
  };
  if (!(await confirmAction(stopRequest(task, 'stop')))) return false;
  await useInboxStore.getState().stop(item.taskId);
  return true;
}

/** Cancels the ticked tasks still in the queue (a ticked task that has ended is not among them). */
export async function cancelChecked(ids: string[]): Promise<void> {
  const byId = useTasksStore.getState().byId;
  const tasks = ids.map((id) => byId[id]).filter((t): t is TaskView => Boolean(t));
  if (tasks.length === 0) return;
  if (await confirmAction(cancelManyRequest(tasks)))
    await useQueueStore.getState().cancelChecked(tasks.map((t) => t.id));
}

export async function deleteHistoryChecked(): Promise<void> {
  const { checked, deleteChecked } = useHistoryStore.getState();
  const count = Object.keys(checked).length;
  if (count > 0 && (await confirmAction(deleteHistoryRequest(count)))) await deleteChecked();
}

export async function terminateSession(id: string): Promise<void> {
  if (await confirmAction(terminateRequest(id))) await useSessionsStore.getState().terminate(id);
}

export async function terminateStray(count: number): Promise<void> {
  if (count > 0 && (await confirmAction(terminateStrayRequest(count))))
    await useSessionsStore.getState().terminateStray();
}

/** An environment's logins and files go at WebRun, which keeps no copy: always confirmed. */
export async function deleteEnvironment(env: EnvironmentView): Promise<void> {
  if (await confirmAction(deleteEnvironmentRequest(env.name)))
    await useEnvironmentsStore.getState().remove(env.id);
}

/** A schedule and its run history go at WebRun: always confirmed. */
export async function deleteSchedule(trigger: TriggerView): Promise<void> {
  if (await confirmAction(deleteScheduleRequest(trigger.name)))
    await useSchedulesStore.getState().act('delete', trigger.id);
}

/** A watch with its verdicts and alerts: always confirmed (its tasks stay). */
export async function deleteWatch(watch: { id: string; name: string; rates: { runs: number } }) {
  if (await confirmAction(deleteWatchRequest(watch.name, watch.rates.runs)))
    await useWatchesStore.getState().act('delete', watch.id);
}

/** A template is deleted at once; Undo saves it back as it was. */
export async function deleteTemplate(name: string): Promise<void> {
  const store = useTemplatesStore.getState();
  const template = store.templates.find((t) => t.name === name);
  if (!template) return;
  await store.remove(name);
  if (useTemplatesStore.getState().templates.some((t) => t.name === name)) return;
  useUndoStore
    .getState()
    .offer(`Template “${name}” deleted.`, () => useTemplatesStore.getState().save(template));
}
