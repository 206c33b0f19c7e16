// What a tool call answers about a task: a sentence for the assistant to read, and the same
// facts as structured content (task id, status, result, parsed output, cost and its source,
// visited URLs). Nothing here reads guardrail answers: the history never holds them.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { TaskView } from '../contract/index';
import type { Desk } from '../core/desk';
import { z } from '../contract/zod';

export const TaskReportShape = {
  taskId: z.string().nullable(),
  status: z.string(),
  message: z.string(),
  result: z.string().nullable(),
  output: z.unknown().optional(),
  cost: z.number().nullable(),
  costSource: z.string().nullable(),
  visitedUrls: z.array(z.string()),
  question: z.string().nullable(),
} as const;
export type TaskReport = z.infer<z.ZodObject<typeof TaskReportShape>>;

function costText(task: TaskView): string {
  const cost = task.usage?.cost;
  return cost == null
    ? 'cost unknown'
    : `cost $${cost.toFixed(4)} (${task.costSource ?? 'estimated'})`;
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

function messageOf(task: TaskView, waitingForAnswer: boolean): string {
  if (waitingForAnswer) {
    return `The task needs your answer in WebRun Desk: the agent asked a question that only the person at WebRun Desk can answer (task ${task.id}). It keeps waiting there; call get_browser_task later to see how it ended.`;
  }
  switch (task.status) {
    case 'completed':
      return `Completed (${costText(task)}).`;
    case 'queued':
    case 'submitting':
    case 'running':
    case 'paused':
      return `The task is ${task.status} in WebRun Desk (${costText(task)}).`;
    case 'needs_input':
      return 'The task needs your answer in WebRun Desk; it waits there for the person.';
    default:
      return `The task ${task.status.replace('_', ' ')}${task.error ? `: ${task.error.message}` : ''} (${costText(task)}).`;
  }
}

export function reportOf(desk: Desk, task: TaskView, waitingForAnswer = false): TaskReport {
  const urls = [...new Set(desk.details.network(task.id, 500).map((n) => n.url))];
  const output = outputOf(task);
  return {
    taskId: task.id,
    status: waitingForAnswer ? 'needs_input' : task.status,
    message: messageOf(task, waitingForAnswer),
    result: task.resultMessage,
    ...(output === undefined ? {} : { output }),
    cost: task.usage?.cost ?? null,
    costSource: task.costSource,
    visitedUrls: urls,
    question: task.status === 'needs_input' ? task.question : null,
  };
}

export function taskResult(report: TaskReport, isError = false): CallToolResult {
  const lines = [
    report.message,
    report.taskId ? `Task id: ${report.taskId}` : null,
    report.result ? `Result:\n${report.result}` : null,
  ];
  if (report.visitedUrls.length > 0)
    lines.push(`Visited: ${report.visitedUrls.slice(0, 20).join(' ')}`);
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
export function requestReport(id: string, status: string, message: string): TaskReport {
  return {
    taskId: null,
    status,
    message: `${message} (request ${id})`,
    result: null,
    cost: null,
    costSource: null,
    visitedUrls: [],
    question: null,
  };
}
