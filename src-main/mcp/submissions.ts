// The tasks this MCP server queued, so it can finish sending them before it exits. A client
// that runs one process per call closes stdin right after start_browser_task answers; leaving
// then would leave the task queued until the app next opens, though the assistant was told it
// started. The close's drain (core/runner/drain.ts) sends these too, within its bound, and
// waits for WebRun's ids, so any desk on the history can follow them.
import type { TaskView } from '../contract/index';
import type { Desk } from '../core/desk';

export class Submissions {
  private readonly ids = new Set<string>();

  track(taskId: string | null): void {
    if (taskId) this.ids.add(taskId);
  }

  /** The tracked tasks still queued: not sent to WebRun yet. */
  unsent(desk: Desk): string[] {
    return [...this.ids].filter((id) => {
      try {
        return (desk.handlers['tasks.get']({ id }) as TaskView).status === 'queued';
      } catch {
        return false;
      }
    });
  }
}
