// Desktop notifications: a question from the agent (always, unless the app has focus), a
// finished task (when the user asked for it), an assistant's task waiting for approval, a money
// alert (a run costing far more than usual, a queue held for balance, a spike, a short runway), a
// watch's alert (a material change, a failed check or run, unchanged for N days), and the
// dock/taskbar badge with the number of questions and approvals waiting.
import type { DeskEvent, TaskView } from '../contract/index';
import { ENDED } from '../contract/task-status';
import type { AlertKind } from '../contract/watches';

export interface NotifierDeps {
  subscribe(listener: (event: DeskEvent) => void): () => void;
  notify(title: string, body: string, onClick: () => void): void;
  isFocused(): boolean;
  setBadge(count: number): void;
  notifyOnTaskEnd(): boolean;
  /** Brings the window forward and shows the task. */
  reveal(taskId: string): void;
}

const WATCH_TITLES: Record<AlertKind, string> = {
  material_change: 'A watch changed',
  check_failed: 'A watch check failed',
  run_failed: 'A watch run failed',
  unchanged: 'A watch has not changed',
};

function shorten(text: string, max = 120): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function attachNotifications(deps: NotifierDeps): () => void {
  const last = new Map<string, TaskView['status']>();
  const waiting = new Set<string>();
  /** Assistants' tasks waiting for approve / reject: the inbox holds them too. */
  let approvals = new Set<string>();
  deps.setBadge(0);

  return deps.subscribe((event) => {
    // Money: a task costing far more than usual, a held queue, a day's spike, a short runway.
    if (event.name === 'money.alert') {
      if (deps.isFocused()) return; // the app shows it already (a toast, the flag)
      const { title, text, taskId } = event.payload;
      deps.notify(title, shorten(text), () => {
        if (taskId) deps.reveal(taskId);
      });
      return;
    }
    // A watch spoke up: a material change, a failed check or run, unchanged for N days.
    if (event.name === 'watch.alert') {
      if (deps.isFocused()) return;
      const { kind, message, taskId } = event.payload;
      deps.notify(WATCH_TITLES[kind], shorten(message), () => {
        if (taskId) deps.reveal(taskId);
      });
      return;
    }
    if (event.name === 'mcp.approvals') {
      const next = new Set(event.payload.map((a) => a.id));
      const fresh = event.payload.filter((a) => !approvals.has(a.id));
      const changed = next.size !== approvals.size || fresh.length > 0;
      approvals = next;
      if (changed) deps.setBadge(waiting.size + approvals.size);
      if (deps.isFocused()) return;
      for (const a of fresh)
        deps.notify('An AI assistant asks to run a task', shorten(`${a.client}: ${a.prompt}`), () =>
          deps.reveal(a.id),
        );
      return;
    }
    if (event.name !== 'task.updated') return;
    const task = event.payload;
    const before = last.get(task.id);
    last.set(task.id, task.status);
    if (before === task.status) return;

    const wasWaiting = waiting.has(task.id);
    if (task.status === 'needs_input') waiting.add(task.id);
    else waiting.delete(task.id);
    if (wasWaiting !== waiting.has(task.id)) deps.setBadge(waiting.size + approvals.size);

    if (deps.isFocused()) return; // the app shows it already; a banner would only interrupt
    if (task.status === 'needs_input') {
      deps.notify(
        'The agent needs your input',
        shorten(`${task.question ?? 'A question is waiting.'} (${task.prompt})`),
        () => deps.reveal(task.id),
      );
    } else if (ENDED.has(task.status) && before !== undefined && deps.notifyOnTaskEnd()) {
      const label = task.status === 'completed' ? 'Task completed' : `Task ${task.status}`;
      deps.notify(label, shorten(task.prompt), () => deps.reveal(task.id));
    }
  });
}
