// Starting an assistant's task: refused if MCP is off, a cap would be passed, or money
// pre-flight says its usual cost exceeds the balance or the budget left; otherwise
// queued through the desk's one door for tasks (the task service, as the composer's tasks.create
// is), tagged with the assistant's name and held by this process, or first recorded as a request
// waiting for the person's approval.
import { randomUUID } from 'node:crypto';
import { McpSettings, type TaskView } from '../contract/index';
import type { Desk } from '../core/desk';
import { requestApproval, type ApprovalOutcome } from './approval';
import { decideLimits } from './limits';
import { outputProblem, type TaskRequest } from './tool-schemas';

export type StartOutcome =
  | { kind: 'started'; task: TaskView }
  | { kind: 'refused'; message: string }
  | {
      kind: 'awaiting_approval';
      requestId: string;
      decided: Promise<{ outcome: ApprovalOutcome; task: TaskView | null }>;
    };

/** Tags are single words: the assistant's name with its spaces made dashes. */
export function assistantTag(client: string): string {
  const slug = client
    .trim()
    .replace(/[\s,]+/g, '-')
    .slice(0, 36);
  return `mcp:${slug || 'assistant'}`;
}

function create(
  desk: Desk,
  client: string,
  request: TaskRequest,
  costCap: number | null,
  requestId: string,
): TaskView {
  const options = {
    ...(request.outputType ? { outputType: request.outputType } : {}),
    // WebRun takes both in one field: a JSON Schema for JSON, column names for CSV.
    ...(request.outputSchema ? { outputSchema: request.outputSchema } : {}),
    ...(request.csvColumns ? { outputSchema: request.csvColumns } : {}),
    ...(request.maxDuration ? { maxDuration: request.maxDuration } : {}),
  };
  // Checked by the contract's schema in the task service, then written and held in one
  // transaction, so no other desk can take the task between the two.
  const task = desk.tasks.create(
    {
      prompt: request.prompt,
      startingUrl: request.startingUrl ?? null,
      options,
      mode: 'oneshot',
      keepSessionOpen: false,
      priority: 0,
      tags: ['mcp', assistantTag(client)],
      costCap,
      ...(request.environmentId ? { environmentId: request.environmentId } : {}),
    },
    { hold: true },
  );
  if (desk.mcpRequests.get(requestId))
    desk.mcpRequests.transition(requestId, 'approved', 'sent', Date.now(), task.id);
  else
    desk.mcpRequests.add({
      id: requestId,
      hostId: desk.leases.id ?? 'unknown',
      client,
      prompt: request.prompt,
      input: request,
      costCap,
      status: 'sent',
      taskId: task.id,
      createdAt: Date.now(),
    });
  return task;
}

export function startTask(
  desk: Desk,
  client: string,
  request: TaskRequest,
  approvalTimeoutMs: number,
): StartOutcome {
  const problem = outputProblem(request);
  if (problem) return { kind: 'refused', message: problem };
  const settings = desk.settings.get('mcp', McpSettings);
  const limits = decideLimits(
    settings,
    desk.budget(),
    request.costCap,
    desk.mcpRequests.reservedSpend(),
  );
  if (!limits.ok) return { kind: 'refused', message: limits.refusal };
  // Money pre-flight: this prompt's earlier runs against the balance and the budget left.
  const work = { prompt: request.prompt, startingUrl: request.startingUrl ?? null };
  const check = desk.preflight(work, 1);
  if (!check.ok) return { kind: 'refused', message: check.text };
  if (!settings.requireApproval)
    return { kind: 'started', task: create(desk, client, request, limits.costCap, randomUUID()) };
  const pending = requestApproval(desk, client, request, limits.costCap, approvalTimeoutMs);
  const decided = pending.outcome.then((outcome) => {
    if (outcome !== 'approved') return { outcome, task: null };
    // The budget may have moved while the person decided: checked again before sending.
    const again = decideLimits(
      desk.settings.get('mcp', McpSettings),
      desk.budget(),
      request.costCap,
      desk.mcpRequests.reservedSpend(),
    );
    if (!again.ok) throw new Error(again.refusal);
    const money = desk.preflight(work, 1);
    if (!money.ok) throw new Error(money.text);
    return { outcome, task: create(desk, client, request, again.costCap, pending.id) };
  });
  return { kind: 'awaiting_approval', requestId: pending.id, decided };
}
