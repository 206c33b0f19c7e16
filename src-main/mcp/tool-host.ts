// What every tool is given: the desk, the assistant's name, a log line (to stderr), and a note
// of each task this server starts, so it can finish sending them before it exits.
import type { TaskView } from '../contract/index';
import type { Desk } from '../core/desk';
import { isEnded } from '../contract/task-status';

export interface ToolHost {
  desk: Desk;
  /** The assistant's name from the MCP handshake. */
  clientName(): string;
  log(line: string): void;
  /** Called with the id of each task a tool queued (null: none yet, e.g. awaiting approval). */
  started(taskId: string | null): void;
  /**
   * What later answers about a task must say first (a call cancelled while the task kept
   * running: the cancelled call itself gets no answer to say it in).
   */
  notes: Map<string, string>;
}

/** Stops an assistant's task: cancelled while never answered by WebRun, else stopped there. */
export async function stopAssistantTask(desk: Desk, id: string): Promise<TaskView> {
  const task = desk.handlers['tasks.get']({ id }) as TaskView;
  if (isEnded(task.status)) return task;
  const after =
    task.status === 'queued' || task.status === 'submitting'
      ? await desk.handlers['tasks.cancel']({ id })
      : await desk.handlers['tasks.stop']({ id });
  return after as TaskView;
}
