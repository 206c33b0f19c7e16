// The store of MCP tasks (the protocol's task handles, not WebRun Desk's tasks): the SDK's
// in-memory store, plus the two facts the SDK does not pass to a tool's handler: whether the
// client asked for a task handle (a task-augmented call) or will wait for the result inline,
// and when the client cancels a task (tasks/cancel), so the desk's task is stopped too.
import { InMemoryTaskStore } from '@modelcontextprotocol/sdk/experimental/tasks/stores/in-memory.js';
import type { CreateTaskOptions } from '@modelcontextprotocol/sdk/experimental/tasks/interfaces.js';
import type { Request, RequestId, Task } from '@modelcontextprotocol/sdk/types.js';

/** How often a waiting inline call looks at its task (in memory: cheap). */
const INLINE_POLL_MS = 200;
/** What a task-aware client is told about polling tasks/get. */
const TASK_POLL_MS = 2_000;

export class DeskTaskStore extends InMemoryTaskStore {
  private readonly augmented = new Set<string>();
  private readonly cancelListeners = new Map<string, () => void>();

  override async createTask(
    params: CreateTaskOptions,
    requestId: RequestId,
    request: Request,
    sessionId?: string,
  ): Promise<Task> {
    const asked = Boolean((request.params as { task?: unknown } | undefined)?.task);
    const task = await super.createTask(
      { ...params, pollInterval: params.pollInterval ?? (asked ? TASK_POLL_MS : INLINE_POLL_MS) },
      requestId,
      request,
      sessionId,
    );
    if (asked) this.augmented.add(task.taskId);
    return task;
  }

  /** True when the client asked for a task handle (it polls tasks/get and tasks/result). */
  isAugmented(taskId: string): boolean {
    return this.augmented.has(taskId);
  }

  /** Calls `listener` once if the client cancels the task. */
  onCancel(taskId: string, listener: () => void): () => void {
    this.cancelListeners.set(taskId, listener);
    return () => this.cancelListeners.delete(taskId);
  }

  override async updateTaskStatus(
    taskId: string,
    status: Task['status'],
    statusMessage?: string,
    sessionId?: string,
  ): Promise<void> {
    await super.updateTaskStatus(taskId, status, statusMessage, sessionId);
    if (status === 'cancelled') {
      const listener = this.cancelListeners.get(taskId);
      this.cancelListeners.delete(taskId);
      listener?.();
    }
  }
}
