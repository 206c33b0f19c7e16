// Follows one task to its end for a waiting MCP call, reporting progress (status, the agent's
// latest step, cost so far) as MCP progress notifications when the caller asked for them. A
// question the agent asks goes to the person in the app; the call keeps waiting for their
// answer, up to the caller's timeout, and then says so: the answer itself never comes here.
import type { TaskView } from '../contract/index';
import { formatUsd } from '../contract/money-format';
import type { Desk } from '../core/desk';
import { isEnded } from '../contract/task-status';
import { timers, type TimerHandle } from '../contract/timers';
import { refusedText } from './results';

export type FollowOutcome =
  | { kind: 'ended'; task: TaskView }
  | { kind: 'needs_answer'; task: TaskView }
  | { kind: 'cancelled'; task: TaskView };

export interface FollowOptions {
  /** How long a question may wait for the person before the call returns. */
  answerTimeoutMs: number;
  signal?: AbortSignal;
  /** Called with a line for a progress notification; absent when the caller sent no token. */
  onProgress?: (message: string) => void;
  /** While the person is awaited, the last line is said again this often (default 15 s). */
  keepAliveMs?: number;
}

/**
 * A wait for the person can outlast a client's request timeout (60 s in the SDK's Client);
 * a progress notification now and then lets a client that resets it on progress keep waiting.
 */
export const KEEP_ALIVE_MS = 15_000;

export function progressLine(
  task: TaskView,
  step: string | null,
  refused: string | null = null,
): string {
  const cost = task.usage?.cost;
  const money = `cost so far ${formatUsd(cost)}${cost == null ? '' : ` (${task.costSource ?? 'estimated'})`}`;
  const status =
    task.status === 'needs_input'
      ? 'waiting for the person in WebRun Desk'
      : task.status.replace('_', ' ');
  return [status, refused, step ? `latest step: ${step}` : null, money].filter(Boolean).join(' · ');
}

export function followTask(
  desk: Desk,
  taskId: string,
  options: FollowOptions,
): Promise<FollowOutcome> {
  const read = (): TaskView => desk.handlers['tasks.get']({ id: taskId }) as TaskView;
  return new Promise((resolve) => {
    let step: string | null = null;
    let lastLine = '';
    let answerTimer: TimerHandle | null = null;
    let keepAlive: ReturnType<typeof setInterval> | null = null;
    let finished = false;
    const finish = (outcome: FollowOutcome): void => {
      if (finished) return;
      finished = true;
      timers.clearTimeout(answerTimer);
      if (keepAlive) clearInterval(keepAlive);
      unsubscribe();
      options.signal?.removeEventListener('abort', onAbort);
      resolve(outcome);
    };
    const onAbort = (): void => finish({ kind: 'cancelled', task: read() });
    const look = (task: TaskView): void => {
      if (finished) return;
      step = task.lastActivity ?? step;
      // Queued and submitting alternate while sends are refused; the reason stays in every line.
      // The end is said by the call's answer, not by a progress line right before it: the SDK's
      // Client handles notifications a tick after responses, so a line that reaches it together
      // with the answer is reported as progress for a finished request.
      if (isEnded(task.status)) return finish({ kind: 'ended', task });
      const line = progressLine(task, step, refusedText(desk, task));
      if (line !== lastLine) options.onProgress?.(line);
      lastLine = line;
      if (task.status === 'needs_input') {
        answerTimer ??= timers.setTimeout(
          () => finish({ kind: 'needs_answer', task: read() }),
          options.answerTimeoutMs,
        );
        keepAlive ??= setInterval(
          () => options.onProgress?.(lastLine),
          options.keepAliveMs ?? KEEP_ALIVE_MS,
        );
      } else {
        timers.clearTimeout(answerTimer);
        if (keepAlive) clearInterval(keepAlive);
        answerTimer = null;
        keepAlive = null;
      }
    };
    const unsubscribe = desk.subscribe((event) => {
      if (event.name === 'task.updated' && event.payload.id === taskId) look(event.payload);
      else if (event.name === 'queue.status') look(read());
      else if (
        event.name === 'task.activity' &&
        event.payload.taskId === taskId &&
        (event.payload.kind === 'agent' || event.payload.kind === 'action')
      ) {
        step = event.payload.text.slice(0, 300);
        look(read());
      }
    });
    options.signal?.addEventListener('abort', onAbort);
    look(read());
  });
}
