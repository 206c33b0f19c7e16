// The tools an AI assistant sees. run_browser_task (run-tool.ts) waits for the end, within a
// bound; the start / get pair is for callers that would rather not wait; search_history and
// get_spend read the person's history; stop_browser_task stops a task an assistant started;
// compare_runs and get_watch_changes (watch-tools.ts) say what changed between runs.
// Every tool carries annotations, so a client can tell reading from acting.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { TaskView } from '../contract/index';
import { isEnded } from '../contract/task-status';
import { refusedResult, reportOf, requestReport, taskResult, TaskReportShape } from './results';
import { registerRunTool } from './run-tool';
import { registerWatchTools } from './watch-tools';
import { startTask } from './task-start';
import type { DeskTaskStore } from './task-store';
import { stopAssistantTask, type ToolHost } from './tool-host';
import {
  SearchHistoryShape,
  SpendShape,
  TaskIdShape,
  TaskRequestShape,
  timeOf,
} from './tool-schemas';

export type { ToolHost } from './tool-host';

/** Reads the history only. */
const READING = {
  readOnlyHint: true,
  destructiveHint: false,
  idempotentHint: true,
  openWorldHint: false,
} as const;
/** A start_browser_task request keeps waiting for approval this long in the background. */
const BACKGROUND_APPROVAL_MS = 24 * 3_600_000;

function safely(
  host: ToolHost,
  work: () => Promise<CallToolResult> | CallToolResult,
): Promise<CallToolResult> {
  return Promise.resolve()
    .then(work)
    .catch((error: unknown) => {
      host.log(`MCP tool failed: ${(error as Error)?.message ?? String(error)}`);
      return refusedResult((error as Error)?.message ?? String(error));
    });
}

export function registerTools(server: McpServer, host: ToolHost, store: DeskTaskStore): void {
  const { desk } = host;
  registerRunTool(server, host, store);
  registerWatchTools(server, host);
  const read = (id: string): TaskView | null => {
    try {
      return desk.handlers['tasks.get']({ id }) as TaskView;
    } catch {
      return null;
    }
  };

  server.registerTool(
    'start_browser_task',
    {
      title: 'Start a browser task',
      description:
        'Queues a task in WebRun Desk and returns its id at once; follow it with get_browser_task. With approval required in WebRun Desk, the id is of the request until the person approves it.',
      inputSchema: TaskRequestShape,
      outputSchema: TaskReportShape,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: true,
      },
    },
    (args) =>
      safely(host, () => {
        const started = startTask(desk, host.clientName(), args, BACKGROUND_APPROVAL_MS);
        if (started.kind === 'refused') return refusedResult(started.message);
        if (started.kind === 'awaiting_approval') {
          started.decided.then(
            (decided) => host.started(decided.task?.id ?? null),
            (error: unknown) => host.log(`approved task not sent: ${(error as Error).message}`),
          );
          return taskResult(
            requestReport(
              desk,
              started.requestId,
              'awaiting_approval',
              `The task waits for the person's approval in WebRun Desk; call get_browser_task with id ${started.requestId} to follow it`,
            ),
          );
        }
        host.started(started.task.id);
        return taskResult(reportOf(desk, started.task));
      }),
  );

  server.registerTool(
    'get_browser_task',
    {
      title: 'Get a browser task',
      description:
        'How a task started over MCP is doing: status, result, cost, visited URLs and downloaded files.',
      inputSchema: TaskIdShape,
      outputSchema: TaskReportShape,
      annotations: READING,
    },
    (args) =>
      safely(host, () => {
        const request = desk.mcpRequests.get(args.id);
        const task = read(request?.taskId ?? desk.history.completeId('tasks', args.id));
        if (task) return taskResult(reportOf(desk, task, host.notes.get(task.id)));
        if (request?.status === 'awaiting_approval')
          return taskResult(
            requestReport(
              desk,
              request.id,
              request.status,
              "The task waits for the person's approval in WebRun Desk",
            ),
          );
        if (request)
          return taskResult(
            requestReport(
              desk,
              request.id,
              request.status,
              `The request was ${request.status.replace('_', ' ')}, so nothing was sent`,
            ),
          );
        return refusedResult(`No task or request with id ${args.id}.`);
      }),
  );

  server.registerTool(
    'stop_browser_task',
    {
      title: 'Stop a browser task',
      description:
        'Stops (or, while queued, cancels) a task an assistant started. A stopped task cannot be resumed; what it cost so far is kept.',
      inputSchema: TaskIdShape,
      outputSchema: TaskReportShape,
      annotations: {
        readOnlyHint: false,
        destructiveHint: true,
        idempotentHint: true,
        openWorldHint: true,
      },
    },
    (args) =>
      safely(host, async () => {
        const id =
          desk.mcpRequests.get(args.id)?.taskId ?? desk.history.completeId('tasks', args.id);
        const task = read(id);
        // Only an assistant's own tasks: the person's are theirs to stop.
        if (!task || !desk.mcpRequests.byTask(id))
          return refusedResult(`No task started over MCP with id ${args.id}.`);
        if (isEnded(task.status)) return taskResult(reportOf(desk, task, host.notes.get(id)));
        return taskResult(reportOf(desk, await stopAssistantTask(desk, id), host.notes.get(id)));
      }),
  );

  server.registerTool(
    'search_history',
    {
      title: 'Search the task history',
      description: "Finds tasks in the person's WebRun Desk history by words, status and date.",
      inputSchema: SearchHistoryShape,
      annotations: READING,
    },
    (args) =>
      safely(host, () => {
        const from = timeOf(args.from, 'from');
        const to = timeOf(args.to, 'to');
        if (!from.ok || !to.ok)
          return refusedResult([from, to].flatMap((d) => (d.ok ? [] : [d.error])).join(' '));
        if (from.ms !== null && to.ms !== null && from.ms > to.ms) {
          return refusedResult(
            `from (${new Date(from.ms).toISOString()}) is after to (${new Date(to.ms).toISOString()}): no task can be in that range; swap them.`,
          );
        }
        const page = desk.handlers['history.list']({
          filter: { text: args.text ?? null, status: args.status, from: from.ms, to: to.ms },
          limit: args.limit,
        });
        const tasks = (page as { tasks: TaskView[] }).tasks.map((t) => ({
          id: t.id,
          prompt: t.prompt.slice(0, 300),
          status: t.status,
          createdAt: new Date(t.createdAt).toISOString(),
          cost: t.usage?.cost ?? null,
          costSource: t.costSource,
          result: t.resultMessage?.slice(0, 500) ?? null,
        }));
        const found = { tasks, simulated: desk.info.backend.simulated };
        return {
          content: [{ type: 'text', text: JSON.stringify(found, null, 2) }],
          structuredContent: found,
        };
      }),
  );

  server.registerTool(
    'get_spend',
    {
      title: 'Get spend',
      description: 'What WebRun tasks cost over the last days, with the daily and monthly caps.',
      inputSchema: SpendShape,
      annotations: READING,
    },
    (args) =>
      safely(host, async () => {
        const summary = await desk.handlers['spend.summary']({
          days: args.days,
          tzOffsetMinutes: -new Date().getTimezoneOffset(),
        });
        const total = summary.byDay.reduce((sum, d) => sum + d.cost, 0);
        const spend = {
          days: args.days,
          total,
          today: summary.budget.today,
          month: summary.budget.month,
          dailyCap: summary.budget.dailyCap,
          monthlyCap: summary.budget.monthlyCap,
          byDay: summary.byDay,
          simulated: desk.info.backend.simulated,
        };
        return {
          content: [{ type: 'text', text: JSON.stringify(spend, null, 2) }],
          structuredContent: spend,
        };
      }),
  );
}
