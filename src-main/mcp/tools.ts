// The tools an AI assistant sees. run_browser_task waits for the end (with progress); the
// start / get pair is for callers that would rather not wait; search_history and get_spend
// read the person's history; stop_browser_task stops a task an assistant started.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { TaskView } from '../contract/index';
import type { Desk } from '../core/desk';
import { isEnded } from '../contract/task-status';
import { followTask, KEEP_ALIVE_MS } from './follow-task';
import { refusedResult, reportOf, requestReport, taskResult, TaskReportShape } from './results';
import { startTask } from './task-start';
import {
  RunTaskShape,
  SearchHistoryShape,
  SpendShape,
  TaskIdShape,
  TaskRequestShape,
  timeOf,
} from './tool-schemas';

export interface ToolHost {
  desk: Desk;
  /** The assistant's name from the MCP handshake. */
  clientName(): string;
  log(line: string): void;
}

const DEFAULT_WAIT_MS = 600_000;
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

export function registerTools(server: McpServer, host: ToolHost): void {
  const { desk } = host;
  const read = (id: string): TaskView | null => {
    try {
      return desk.handlers['tasks.get']({ id }) as TaskView;
    } catch {
      return null;
    }
  };

  server.registerTool(
    'run_browser_task',
    {
      title: 'Run a browser task',
      description:
        "Runs a task in a cloud browser through WebRun Desk and waits for it to end. The task is queued, budgeted and kept in the person's history. If the agent asks a question, the person answers it in WebRun Desk (never you); the call keeps waiting up to answerTimeoutSeconds.",
      inputSchema: RunTaskShape,
      outputSchema: TaskReportShape,
    },
    (args, extra) =>
      safely(host, async () => {
        const waitMs = (args.answerTimeoutSeconds ?? DEFAULT_WAIT_MS / 1000) * 1000;
        const started = startTask(desk, host.clientName(), args, waitMs);
        if (started.kind === 'refused') return refusedResult(started.message);
        const token = extra._meta?.progressToken;
        let progress = 0;
        const onProgress =
          token === undefined
            ? undefined
            : (message: string): void => {
                progress += 1;
                void extra
                  .sendNotification({
                    method: 'notifications/progress',
                    params: { progressToken: token, progress, message },
                  })
                  .catch(() => {});
              };
        let task: TaskView;
        if (started.kind === 'awaiting_approval') {
          // Said at once and then now and then, as for a question: the person may take a while.
          const waiting = "waiting for the person's approval in WebRun Desk";
          onProgress?.(waiting);
          const keepAlive = setInterval(() => onProgress?.(waiting), KEEP_ALIVE_MS);
          const decided = await started.decided.finally(() => clearInterval(keepAlive));
          if (decided.outcome === 'rejected')
            return refusedResult(
              `The person rejected this task in WebRun Desk; nothing was sent (request ${started.requestId}).`,
            );
          if (!decided.task)
            return taskResult(
              requestReport(
                started.requestId,
                'awaiting_approval',
                'The task needs your approval in WebRun Desk and nobody approved it in time; nothing was sent',
              ),
            );
          task = decided.task;
        } else {
          task = started.task;
        }
        const outcome = await followTask(desk, task.id, {
          answerTimeoutMs: waitMs,
          signal: extra.signal,
          onProgress,
        });
        const report = reportOf(desk, outcome.task, outcome.kind === 'needs_answer');
        return taskResult(report, outcome.kind === 'ended' && outcome.task.status !== 'completed');
      }),
  );

  server.registerTool(
    'start_browser_task',
    {
      title: 'Start a browser task',
      description:
        'Queues a task in WebRun Desk and returns its id at once; follow it with get_browser_task. With approval required in WebRun Desk, the id is of the request until the person approves it.',
      inputSchema: TaskRequestShape,
      outputSchema: TaskReportShape,
    },
    (args) =>
      safely(host, () => {
        const started = startTask(desk, host.clientName(), args, BACKGROUND_APPROVAL_MS);
        if (started.kind === 'refused') return refusedResult(started.message);
        if (started.kind === 'awaiting_approval') {
          started.decided.catch((error: unknown) =>
            host.log(`approved task not sent: ${(error as Error).message}`),
          );
          return taskResult(
            requestReport(
              started.requestId,
              'awaiting_approval',
              "The task waits for the person's approval in WebRun Desk",
            ),
          );
        }
        return taskResult(reportOf(desk, started.task));
      }),
  );

  server.registerTool(
    'get_browser_task',
    {
      title: 'Get a browser task',
      description: 'How a task started over MCP is doing: status, result, cost and visited URLs.',
      inputSchema: TaskIdShape,
      outputSchema: TaskReportShape,
    },
    (args) =>
      safely(host, () => {
        const request = desk.mcpRequests.get(args.id);
        const task = read(request?.taskId ?? args.id);
        if (task) return taskResult(reportOf(desk, task));
        if (request?.status === 'awaiting_approval')
          return taskResult(
            requestReport(
              request.id,
              request.status,
              "The task waits for the person's approval in WebRun Desk",
            ),
          );
        if (request)
          return taskResult(
            requestReport(
              request.id,
              request.status,
              `The request was ${request.status.replace('_', ' ')}; nothing was sent`,
            ),
          );
        return refusedResult(`No task or request with id ${args.id}.`);
      }),
  );

  server.registerTool(
    'stop_browser_task',
    {
      title: 'Stop a browser task',
      description: 'Stops (or, while queued, cancels) a task an assistant started.',
      inputSchema: TaskIdShape,
      outputSchema: TaskReportShape,
    },
    (args) =>
      safely(host, async () => {
        const id = desk.mcpRequests.get(args.id)?.taskId ?? args.id;
        const task = read(id);
        // Only an assistant's own tasks: the person's are theirs to stop.
        if (!task || !desk.mcpRequests.byTask(id))
          return refusedResult(`No task started over MCP with id ${args.id}.`);
        if (isEnded(task.status)) return taskResult(reportOf(desk, task));
        const after =
          task.status === 'queued'
            ? await desk.handlers['tasks.cancel']({ id })
            : await desk.handlers['tasks.stop']({ id });
        return taskResult(reportOf(desk, after as TaskView));
      }),
  );

  server.registerTool(
    'search_history',
    {
      title: 'Search the task history',
      description: "Finds tasks in the person's WebRun Desk history by words, status and date.",
      inputSchema: SearchHistoryShape,
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
        return {
          content: [{ type: 'text', text: JSON.stringify({ tasks }, null, 2) }],
          structuredContent: { tasks },
        };
      }),
  );

  server.registerTool(
    'get_spend',
    {
      title: 'Get spend',
      description: 'What WebRun tasks cost over the last days, with the daily and monthly caps.',
      inputSchema: SpendShape,
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
        };
        return {
          content: [{ type: 'text', text: JSON.stringify(spend, null, 2) }],
          structuredContent: spend,
        };
      }),
  );
}
