// run_browser_task, for two kinds of client. One that speaks MCP tasks (a task-augmented
// tools/call) gets a task handle at once and fetches the result with tasks/result. One that
// does not waits inline, but never longer than the person's bound (50 s by default, below the
// 60 s many clients give up after): then the call answers with the task's id, its state and
// how to continue, and the task goes on. Progress goes out every 10 s while the call waits,
// and nothing after its answer. A cancelled call stops its task at WebRun, unless the person
// chose in Settings to leave such tasks running, which the answer and the description say.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CreateTaskRequestHandlerExtra } from '@modelcontextprotocol/sdk/experimental/tasks/interfaces.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { McpSettings, type TaskView } from '../contract/index';
import { followTask } from './follow-task';
import { createReporter, silentReporter, type Reporter } from './progress';
import { refusedResult, reportOf, requestReport, taskResult, TaskReportShape } from './results';
import { startTask } from './task-start';
import type { DeskTaskStore } from './task-store';
import { RunTaskShape, type TaskRequest } from './tool-schemas';
import { stopAssistantTask, type ToolHost } from './tool-host';

const DEFAULT_ANSWER_WAIT_MS = 600_000;
/** How long a finished task's result stays fetchable with tasks/result. */
const RESULT_TTL_MS = 3_600_000;

type RunArgs = TaskRequest & { answerTimeoutSeconds?: number };
type WaitEnd = 'cancelled' | 'bound' | null;

export function runDescription(keepRunningOnCancel: boolean): string {
  return [
    "Runs a task in a cloud browser through WebRun Desk and waits for it to end. The task is queued, budgeted and kept in the person's history.",
    'A client that supports MCP tasks gets a task handle at once; otherwise the call answers within the wait bound the person set (50 s by default) and, if the task is still going, says so with its id: follow it with get_browser_task.',
    'If the agent asks a question, the person answers it in WebRun Desk (never you); the task waits for them up to answerTimeoutSeconds.',
    keepRunningOnCancel
      ? 'Cancelling the call leaves the task running (and billing) in WebRun Desk, as the person set it; stop it with stop_browser_task.'
      : 'Cancelling the call stops the task at WebRun.',
  ].join(' ');
}

export function registerRunTool(server: McpServer, host: ToolHost, store: DeskTaskStore): void {
  let keepRunning = host.desk.settings.get('mcp', McpSettings).keepRunningOnCancel;
  const tool = server.experimental.tasks.registerToolTask(
    'run_browser_task',
    {
      title: 'Run a browser task',
      description: runDescription(keepRunning),
      inputSchema: RunTaskShape,
      outputSchema: TaskReportShape,
      annotations: {
        readOnlyHint: false,
        destructiveHint: false,
        idempotentHint: false,
        openWorldHint: true,
      },
      execution: { taskSupport: 'optional' },
    },
    {
      createTask: async (args, extra) => {
        const task = await extra.taskStore.createTask({ ttl: RESULT_TTL_MS });
        void runCall(host, store, task.taskId, args, extra).catch((error: unknown) =>
          host.log(`run_browser_task failed: ${(error as Error)?.message ?? String(error)}`),
        );
        return { task };
      },
      getTask: (_args, extra) => extra.taskStore.getTask(extra.taskId),
      getTaskResult: async (_args, extra) =>
        (await extra.taskStore.getTaskResult(extra.taskId)) as CallToolResult,
    },
  );
  // The description says what a cancel does: kept true when the person changes the setting in
  // the app on the same history (this process never changes it).
  const refresh = (): void => {
    const now = host.desk.settings.get('mcp', McpSettings).keepRunningOnCancel;
    if (now === keepRunning) return;
    keepRunning = now;
    tool.update({ description: runDescription(now) });
  };
  host.desk.onExternalChange(refresh);
}

function reporterFor(
  augmented: boolean,
  mcpTaskId: string,
  extra: CreateTaskRequestHandlerExtra,
): Reporter {
  // A task-aware client polls tasks/get: the line is the task's status message there.
  if (augmented)
    return createReporter({
      send: (message) => extra.taskStore.updateTaskStatus(mcpTaskId, 'working', message),
      heartbeatMs: 0,
      quietMs: 0,
    });
  const token = extra._meta?.progressToken;
  if (token === undefined) return silentReporter;
  return createReporter({
    send: (message, progress) =>
      extra.sendNotification({
        method: 'notifications/progress',
        params: { progressToken: token, progress, message },
      }),
  });
}

async function runCall(
  host: ToolHost,
  store: DeskTaskStore,
  mcpTaskId: string,
  args: RunArgs,
  extra: CreateTaskRequestHandlerExtra,
): Promise<void> {
  const augmented = store.isAugmented(mcpTaskId);
  const settings = host.desk.settings.get('mcp', McpSettings);
  const reporter = reporterFor(augmented, mcpTaskId, extra);
  const stopWaiting = new AbortController();
  let end: WaitEnd = null;
  const endWait = (why: Exclude<WaitEnd, null>): void => {
    end ??= why;
    stopWaiting.abort();
  };
  const onAbort = (): void => endWait('cancelled');
  const offCancel = augmented
    ? store.onCancel(mcpTaskId, onAbort)
    : (extra.signal.addEventListener('abort', onAbort), () => {});
  const bound = augmented
    ? null
    : setTimeout(() => endWait('bound'), settings.callWaitSeconds * 1000);
  let result: CallToolResult;
  try {
    result = await runAndFollow(host, args, reporter, stopWaiting.signal, () => ({
      end,
      keepRunning: settings.keepRunningOnCancel,
      boundSeconds: settings.callWaitSeconds,
    }));
  } catch (error) {
    host.log(`MCP tool failed: ${(error as Error)?.message ?? String(error)}`);
    result = refusedResult((error as Error)?.message ?? String(error));
  } finally {
    if (bound) clearTimeout(bound);
    offCancel();
    extra.signal.removeEventListener('abort', onAbort);
  }
  // Every line said so far has gone out before the answer can: none may follow it.
  await reporter.close();
  const current = await store.getTask(mcpTaskId);
  if (!current || ['completed', 'failed', 'cancelled'].includes(current.status)) return;
  // The inline path's answer is this result (the SDK polls the store for it): stored without a
  // tasks/status notification, which such a client never asked for.
  if (augmented) await extra.taskStore.storeTaskResult(mcpTaskId, 'completed', result);
  else await store.storeTaskResult(mcpTaskId, 'completed', result);
}

interface WaitState {
  end: WaitEnd;
  keepRunning: boolean;
  boundSeconds: number;
}

async function runAndFollow(
  host: ToolHost,
  args: RunArgs,
  reporter: Reporter,
  signal: AbortSignal,
  state: () => WaitState,
): Promise<CallToolResult> {
  const { desk } = host;
  const waitMs = (args.answerTimeoutSeconds ?? DEFAULT_ANSWER_WAIT_MS / 1000) * 1000;
  const started = startTask(desk, host.clientName(), args, waitMs);
  if (started.kind === 'refused') return refusedResult(started.message);
  host.started(started.kind === 'started' ? started.task.id : null);
  let task: TaskView;
  if (started.kind === 'awaiting_approval') {
    // Handled here too, so a refusal after the call has answered is not an unhandled rejection.
    started.decided.catch((error: unknown) =>
      host.log(`approved task not sent: ${(error as Error).message}`),
    );
    reporter.say("waiting for the person's approval in WebRun Desk");
    const aborted = new Promise<null>((resolve) => {
      if (signal.aborted) resolve(null);
      signal.addEventListener('abort', () => resolve(null), { once: true });
    });
    const decided = await Promise.race([started.decided, aborted]);
    if (decided === null) return approvalWaitEnded(host, started.requestId, state());
    if (decided.outcome === 'rejected')
      return refusedResult(
        `The person rejected this task in WebRun Desk, so nothing was sent (request ${started.requestId}).`,
      );
    if (!decided.task)
      return taskResult(
        requestReport(
          desk,
          started.requestId,
          'awaiting_approval',
          'Nobody approved the task in WebRun Desk in time, so nothing was sent',
        ),
      );
    task = decided.task;
    host.started(task.id);
  } else {
    task = started.task;
  }
  const outcome = await followTask(desk, task.id, {
    answerTimeoutMs: waitMs,
    signal,
    onProgress: (line) => reporter.say(line),
  });
  if (outcome.kind !== 'cancelled') {
    const report = reportOf(desk, outcome.task);
    return taskResult(report, outcome.kind === 'ended' && outcome.task.status !== 'completed');
  }
  const { end, keepRunning, boundSeconds } = state();
  if (end === 'cancelled' && !keepRunning) {
    const after = await stopAssistantTask(desk, task.id);
    return taskResult(reportOf(desk, after, 'The call was cancelled, so the task was stopped.'));
  }
  const note =
    end === 'cancelled'
      ? 'The call was cancelled; the task keeps running (and billing) in WebRun Desk, as the person set it.'
      : `The call answers after ${boundSeconds} s so that the client does not time out.`;
  if (end === 'cancelled') host.notes.set(task.id, note);
  return taskResult(reportOf(desk, desk.handlers['tasks.get']({ id: task.id }) as TaskView, note));
}

/** The call ended while the person had not yet decided on the task. */
function approvalWaitEnded(host: ToolHost, requestId: string, state: WaitState): CallToolResult {
  const { desk } = host;
  if (state.end === 'cancelled' && !state.keepRunning) {
    // Withdrawn only if still undecided: an approval stored a moment ago wins (and is stopped).
    desk.mcpRequests.transition(requestId, 'awaiting_approval', 'withdrawn', Date.now());
    return taskResult(
      requestReport(
        desk,
        requestId,
        'withdrawn',
        'The call was cancelled, so the request was withdrawn and nothing was sent',
      ),
    );
  }
  return taskResult(
    requestReport(
      desk,
      requestId,
      'awaiting_approval',
      `The task waits for the person's approval in WebRun Desk; call get_browser_task with id ${requestId} to follow it`,
    ),
  );
}
