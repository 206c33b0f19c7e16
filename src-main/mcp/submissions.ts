// The tasks this MCP server queued, so it can finish sending them before it exits. A client
// that runs one process per call closes stdin right after start_browser_task answers; exiting
// then would cut a submission in half and leave its task `unknown` (WebRun may have it, the
// history cannot tell). Waiting until each has WebRun's ids (or an end) leaves instead a task
// that any desk on the history can follow.
import type { TaskView } from '../contract/index';
import type { Desk } from '../core/desk';

const SENDING = new Set(['queued', 'submitting']);

export class Submissions {
  private readonly ids = new Set<string>();

  track(taskId: string | null): void {
    if (taskId) this.ids.add(taskId);
  }

  /** The tracked tasks not yet answered by WebRun. */
  pending(desk: Desk): string[] {
    return [...this.ids].filter((id) => {
      try {
        return SENDING.has((desk.handlers['tasks.get']({ id }) as TaskView).status);
      } catch {
        return false;
      }
    });
  }

  /** Resolves once no tracked task is queued or being sent, or after `timeoutMs`. */
  settle(desk: Desk, timeoutMs: number): Promise<string[]> {
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        off();
        resolve(this.pending(desk));
      };
      const off = desk.subscribe((event) => {
        if (event.name === 'task.updated' && this.pending(desk).length === 0) done();
      });
      const timer = setTimeout(done, timeoutMs);
      if (this.pending(desk).length === 0) done();
    });
  }
}
