// What a tool call answers about a task: a sentence for the assistant to read, and the same
// facts as structured content (task id, status, result, parsed output, cost and its source,
// visited URLs, downloaded files, whether it was simulated). Nothing here reads guardrail
// answers: the history never holds them.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { TaskView } from '../contract/index';
import { formatUsd } from '../contract/money-format';
import type { Desk } from '../core/desk';
import { z } from '../contract/zod';

export const TaskReportShape = {
  taskId: z.string().nullable().describe('The task id in WebRun Desk (null for a request).'),
  status: z.string().describe('queued, running, needs_input, completed, failed, …'),
  message: z.string().describe('What happened, in a sentence, and what to do next.'),
  result: z.string().nullable(),
  output: z.unknown().optional(),
  cost: z.number().nullable().describe('USD so far; null when unknown (never 0 for unknown).'),
  costSource: z.string().nullable().describe('reported (by WebRun) or estimated'),
  visitedUrls: z.array(z.string()),
  files: z
    .array(
      z.object({
        name: z.string(),
        size: z.number().nullable().describe('bytes; null until the local copy is made'),
        localPath: z.string().nullable().describe('the copy next to the history, when made'),
      }),
    )
    .describe('Files the agent downloaded.'),
  simulated: z.boolean().describe('True on the built-in sandbox: nothing ran, nothing billed.'),
  question: z.string().nullable(),
} as const;
export type TaskReport = z.infer<z.ZodObject<typeof TaskReportShape>>;

function costText(task: TaskView): string {
  const cost = task.usage?.cost;
  return `cost ${formatUsd(cost)}${cost == null ? '' : ` (${task.costSource ?? 'estimated'})`}`;
}

/** Parsed structured output, when the task asked for JSON and the result is JSON. */
function outputOf(task: TaskView): unknown {
  if (task.options.outputType !== 'structured_json' || !task.resultMessage) return undefined;
  try {
    return JSON.parse(task.resultMessage) as unknown;
  } catch {
    return undefined;
  }
}

const follow = (id: string): string => `Call get_browser_task with id ${id} to follow it.`;

/**
 * Why a queued task is not leaving: the runner's account of refused sends (WebRun unreachable,
 * 429, 5xx), so an assistant learns the cause and not just "queued" (the reason was once only
 * on stderr). Null when the task is not waiting for WebRun.
 */
export function refusedText(desk: Desk, task: TaskView): string | null {
  if (task.status !== 'queued' && task.status !== 'submitting') return null;
  const refused = desk.runner.status().refused;
  if (!refused) return null;
  const since = new Date(refused.since).toISOString().slice(11, 19);
  return `WebRun has refused or not answered every send since ${since} UTC (${refused.reason.replace(/\.$/, '')}); it is retried with a growing pause`;
}

/** One sentence (or two) per state, each saying what is true now and what to do next. */
export function messageOf(task: TaskView, refused: string | null = null): string {
  const error = task.error?.message ? `: ${task.error.message.replace(/\.$/, '')}` : '';
  switch (task.status) {
    case 'completed':
      return `The task completed (${costText(task)}).`;
    case 'queued':
      return `The task is queued in WebRun Desk${refused ? `: ${refused}` : ''} (${costText(task)}). ${follow(task.id)}`;
    case 'submitting':
      return `The task is being sent to WebRun${refused ? `: ${refused}` : ''} (${costText(task)}). ${follow(task.id)}`;
    case 'running':
      return `The task is still running in WebRun Desk (${costText(task)}). ${follow(task.id)}`;
    case 'paused':
      return `The task is paused in WebRun Desk (${costText(task)}). ${follow(task.id)}`;
    case 'needs_input':
      return `The agent asked a question that only the person at WebRun Desk can answer; the task waits there for their answer (${costText(task)}). ${follow(task.id)}`;
    case 'failed':
      return `The task failed${error} (${costText(task)}).`;
    case 'stopped':
      return `The task was stopped${error} (${costText(task)}).`;
    case 'cancelled':
      return `The task was cancelled before it ended (${costText(task)}).`;
    case 'unknown':
      return `The task's outcome is unknown${error}; it was not sent again, and the person can check it in WebRun Desk (${costText(task)}).`;
  }
}

export function reportOf(desk: Desk, task: TaskView, note?: string): TaskReport {
  const urls = [...new Set(desk.details.network(task.id, 500).map((n) => n.url))];
  const output = outputOf(task);
  const files = desk.details
    .files(task.id)
    .map((f) => ({ name: f.filename, size: f.size, localPath: f.localPath }));
  return {
    taskId: task.id,
    status: task.status,
    message: `${note ? `${note} ` : ''}${messageOf(task, refusedText(desk, task))}`,
    result: task.resultMessage,
    ...(output === undefined ? {} : { output }),
    cost: task.usage?.cost ?? null,
    costSource: task.costSource,
    visitedUrls: urls,
    files,
    simulated: desk.info.backend.simulated,
    question: task.status === 'needs_input' ? task.question : null,
  };
}

export function taskResult(report: TaskReport, isError = false): CallToolResult {
  const lines = [
    report.simulated ? '(Simulated by the built-in sandbox: nothing was billed.)' : null,
    report.message,
    report.taskId ? `Task id: ${report.taskId}` : null,
    report.result ? `Result:\n${report.result}` : null,
  ];
  if (report.visitedUrls.length > 0)
    lines.push(`Visited: ${report.visitedUrls.slice(0, 20).join(' ')}`);
  for (const f of report.files)
    lines.push(
      `File: ${f.name}${f.size === null ? '' : ` (${f.size} bytes)`}${f.localPath ? ` at ${f.localPath}` : ''}`,
    );
  return {
    content: [{ type: 'text', text: lines.filter(Boolean).join('\n') }],
    structuredContent: report,
    isError,
  };
}

export function refusedResult(message: string): CallToolResult {
  return { content: [{ type: 'text', text: message }], isError: true };
}

/** A report for an assistant's request that is not a task yet (waiting for approval, rejected). */
export function requestReport(desk: Desk, id: string, status: string, message: string): TaskReport {
  return {
    taskId: null,
    status,
    message: `${message} (request ${id}).`,
    result: null,
    cost: null,
    costSource: null,
    visitedUrls: [],
    files: [],
    simulated: desk.info.backend.simulated,
    question: null,
  };
}
