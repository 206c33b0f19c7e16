// Response bodies. Canonical = the Gen2 shapes (webrun-api.md §1.2, §1.4); legacy = the older
// variants listed in §7 (status "complete" + result, status "active", camelCase usage), so a
// client can be tested against both. Routes never build task bodies themselves.
import type { SimUsage } from './simulation.ts';
import type { SimTask } from './task.ts';

export type Route = 'run-task' | 'send-message';

export const PENDING_MESSAGE = 'Task still running. Poll GET /task/:sessionId/:taskId for result.';

function camelUsage(usage: SimUsage): Record<string, number> {
  return {
    inputTokens: usage.prompt_tokens,
    outputTokens: usage.completion_tokens,
    computeTime: usage.completion_time,
    cost: usage.cost,
  };
}

function ids(task: SimTask): { sessionId: string; taskId: string } {
  return { sessionId: task.sessionId, taskId: task.id };
}

function resultData(task: SimTask): { message: string; files: unknown[]; network: unknown[] } {
  return {
    message: task.result?.message ?? '',
    files: task.result?.files ?? [],
    network: task.result?.network ?? [],
  };
}

/** Legacy "data" carries the token counts next to the message (§5.1 legacy). */
function legacyData(task: SimTask, usage: SimUsage): Record<string, unknown> {
  return {
    ...resultData(task),
    prompt_tokens: usage.prompt_tokens,
    completion_tokens: usage.completion_tokens,
    total_tokens: usage.total_tokens,
    completion_time: usage.completion_time,
  };
}

function failure(task: SimTask): {
  error: string;
  code: string;
  details?: Record<string, unknown>;
} {
  if (task.state === 'stopped') return { error: 'Task stopped by user', code: 'TASK_STOPPED' };
  if (task.plan.outcome.kind === 'failed') return task.plan.outcome.failure;
  return { error: 'Task failed', code: 'TASK_FAILED' };
}

/** What GET /task/:sessionId/:taskId answers right now. */
export function pollBody(task: SimTask, legacy: boolean): Record<string, unknown> {
  const usage = task.usage();
  switch (task.state) {
    case 'running':
    case 'paused': {
      const paused = task.state === 'paused' ? { paused: true } : {};
      if (legacy)
        return {
          success: true,
          status: 'active',
          pending: true,
          usage: camelUsage(usage),
          ...paused,
        };
      return { success: true, ...ids(task), status: 'running', usage, ...paused };
    }
    case 'guardrail':
      // Documented without ids (§7.7).
      return guardrailBody(task);
    case 'completed':
      if (legacy) {
        return {
          success: true,
          type: 'task_completed',
          data: legacyData(task, usage),
          usage: camelUsage(usage),
          completedAt: task.completedAt,
        };
      }
      return {
        success: true,
        ...ids(task),
        type: 'task_completed',
        data: resultData(task),
        usage,
        completedAt: task.completedAt,
      };
    case 'failed':
    case 'stopped': {
      const { error, code, details } = failure(task);
      // Older copies: no ids, no code, camelCase usage (§1.4).
      if (legacy) return { success: false, status: 'failed', error, usage: camelUsage(usage) };
      return {
        success: false,
        ...ids(task),
        status: 'failed',
        error,
        code,
        ...(details ? { details } : {}),
        usage,
      };
    }
    case 'terminated':
      // Shape undocumented; kept free of success:false+error so clients do not read it as "failed".
      return {
        success: true,
        ...ids(task),
        status: 'terminated',
        message: 'Session terminated',
        usage: legacy ? camelUsage(usage) : usage,
      };
  }
}

function guardrailBody(task: SimTask): Record<string, unknown> {
  return {
    success: true,
    type: 'guardrail_trigger',
    data: { type: 'human_input_needed', value: task.guardrailValue ?? '' },
  };
}

/** The answer to run-task / newTask once the inline window is over or the task settled. */
export function inlineBody(
  task: SimTask,
  route: Route,
  legacy: boolean,
  baseUrl: string,
): Record<string, unknown> {
  if (task.active) {
    const pollUrl = `${baseUrl}/task/${task.sessionId}/${task.id}`;
    if (legacy && route === 'send-message')
      return { success: true, ...ids(task), pending: true, pollUrl, message: PENDING_MESSAGE };
    return {
      success: true,
      ...ids(task),
      status: 'pending',
      pending: true,
      pollUrl,
      message: PENDING_MESSAGE,
    };
  }
  if (task.state === 'completed') {
    const usage = task.usage();
    if (!legacy)
      return { success: true, ...ids(task), type: 'task_completed', data: resultData(task), usage };
    const result = { type: 'task_completed', data: legacyData(task, usage) };
    // run-task legacy copies carry status "complete" and result.usage.cost; send-message copies neither.
    if (route === 'run-task')
      return {
        success: true,
        ...ids(task),
        status: 'complete',
        result: { ...result, usage: { cost: usage.cost } },
      };
    return { success: true, ...ids(task), result };
  }
  // Guardrail, failure, stop or termination inside the window: the poll body plus ids.
  return { ...pollBody(task, legacy), ...ids(task) };
}

/** Socket `task_completed`: canonical with ids and usage; legacy is the Gen0 event variant. */
export function socketCompleted(task: SimTask, legacy: boolean): Record<string, unknown> {
  const usage = task.usage();
  if (legacy)
    return {
      type: 'task_completed',
      taskId: task.id,
      data: { ...legacyData(task, usage), usage: { cost: usage.cost } },
    };
  return { type: 'task_completed', ...ids(task), data: resultData(task), usage };
}

export function socketError(task: SimTask): Record<string, unknown> {
  const { error, code } = failure(task);
  return { type: 'error', error, code };
}
