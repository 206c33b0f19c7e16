// What a destructive action will lose, in the words the confirmation uses. Pure, so the
// wording is tested without a page.
import type { TaskView } from '../../src-main/contract/index';
import { formatUsd, STATUS_LABEL } from '../format';

/** A prompt short enough for a dialog title. */
export function shortPrompt(prompt: string, max = 48): string {
  const line = prompt.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

export interface ConfirmRequest {
  title: string;
  /** What happens and what is lost, one paragraph each. */
  body: string[];
  confirmLabel: string;
  /** The safe choice, which has the focus when the dialog opens. */
  keepLabel: string;
  /**
   * The task a stop or cancel is about: the open dialog follows it, so its cost stays current
   * and, should the task end meanwhile, it says so and offers nothing to confirm.
   */
  about?: { taskId: string; verb: 'stop' | 'cancel' };
}

type Billed = Pick<TaskView, 'prompt' | 'usage' | 'costSource'>;

function costSoFar(task: Billed): string {
  const cost = task.usage?.cost;
  if (cost === null || cost === undefined) return 'the cost so far (not known yet) is kept';
  return `the cost so far (${formatUsd(cost)}${task.costSource === 'estimated' ? ', estimated' : ''}) is kept`;
}

const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Stop, or cancel of a task WebRun already has: neither can be taken back. */
export function stopRequest(
  task: Billed & Partial<Pick<TaskView, 'id'>>,
  verb: 'stop' | 'cancel',
): ConfirmRequest {
  const Verb = verb === 'stop' ? 'Stop' : 'Cancel';
  return {
    ...(task.id ? { about: { taskId: task.id, verb } } : {}),
    title: `${Verb} “${shortPrompt(task.prompt)}”?`,
    body: [
      `WebRun stops the agent now; ${costSoFar(task)} and the task cannot be resumed.`,
      'Run it again later to start over from the beginning.',
    ],
    confirmLabel: `${Verb} task`,
    keepLabel: 'Keep running',
  };
}

/** What a stop's or cancel's dialog says once its task ended while it was open. */
export function endedMeanwhile(task: Billed & Pick<TaskView, 'status'>): ConfirmRequest {
  const cost = task.usage?.cost;
  return {
    title: `“${shortPrompt(task.prompt)}” has ended`,
    body: [
      `It ended (${STATUS_LABEL[task.status]}) while this was open, so there is nothing left to stop.`,
      cost === null || cost === undefined
        ? 'Its cost is not known yet.'
        : `It cost ${formatUsd(cost)}${task.costSource === 'estimated' ? ' (estimated)' : ''}.`,
    ],
    confirmLabel: '',
    keepLabel: 'Close',
  };
}

/** Bulk cancel: how many were never sent, and how many WebRun is working on. */
export function cancelManyRequest(tasks: TaskView[]): ConfirmRequest {
  const queued = tasks.filter((t) => t.status === 'queued').length;
  const live = tasks.length - queued;
  const body: string[] = [];
  if (queued > 0)
    body.push(`${plural(queued, 'queued task')} ${queued === 1 ? 'is' : 'are'} never sent.`);
  if (live > 0)
    body.push(
      `${plural(live, 'task')} running at WebRun ${live === 1 ? 'is' : 'are'} stopped now; what ${live === 1 ? 'it' : 'they'} cost so far is kept.`,
    );
  body.push('Cancelled tasks cannot be resumed; they stay in the history.');
  return {
    title: `Cancel ${plural(tasks.length, 'task')}?`,
    body,
    confirmLabel: `Cancel ${plural(tasks.length, 'task')}`,
    keepLabel: 'Keep them',
  };
}

export function deleteHistoryRequest(count: number): ConfirmRequest {
  return {
    title: `Delete ${plural(count, 'task')} from the history?`,
    body: [
      `Their results, events, network logs, cost records and the local copies of their files are removed from this computer. This cannot be undone.`,
      'A task still running is kept, and the page says which.',
    ],
    confirmLabel: `Delete ${plural(count, 'task')}`,
    keepLabel: 'Keep them',
  };
}

export function terminateRequest(sessionId: string): ConfirmRequest {
  return {
    title: 'Terminate this session?',
    body: [
      `WebRun closes the browser of session ${sessionId} now: a task still running in it ends, and the session cannot be opened again.`,
      'Its history stays.',
    ],
    confirmLabel: 'Terminate session',
    keepLabel: 'Keep it open',
  };
}

export function terminateStrayRequest(count: number): ConfirmRequest {
  return {
    title: `Terminate ${plural(count, 'stray session')}?`,
    body: [
      'WebRun closes their browsers now, and they cannot be opened again. They were left by a crash or an earlier run and still bill compute by the minute.',
    ],
    confirmLabel: `Terminate ${plural(count, 'session')}`,
    keepLabel: 'Keep them',
  };
}

export function deleteEnvironmentRequest(name: string): ConfirmRequest {
  return {
    title: `Delete “${shortPrompt(name)}”?`,
    body: [
      'Its saved logins, cookies and files are deleted at WebRun and cannot be brought back.',
      'Tasks and schedules that use it will start in a fresh browser and may be asked to log in again.',
    ],
    confirmLabel: 'Delete environment',
    keepLabel: 'Keep it',
  };
}

export function deleteScheduleRequest(name: string): ConfirmRequest {
  return {
    title: `Delete “${shortPrompt(name)}”?`,
    body: [
      'WebRun stops running it and forgets it and its run history.',
      'The runs already imported stay in your history and spend.',
    ],
    confirmLabel: 'Delete schedule',
    keepLabel: 'Keep it',
  };
}

export function deleteWatchRequest(name: string, runs: number): ConfirmRequest {
  return {
    title: `Delete “${shortPrompt(name)}”?`,
    body: [
      `It stops running, and its settings, checks, ${plural(runs, 'judged run')} and alerts are deleted.`,
      'Its runs stay in your history and spend as ordinary tasks.',
    ],
    confirmLabel: 'Delete watch',
    keepLabel: 'Keep it',
  };
}
