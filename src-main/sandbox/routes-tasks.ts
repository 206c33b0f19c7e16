// The task endpoints: run-task, start-session, send-message and the poll (webrun-api.md §1.1-1.4).
import { applyMessage, insufficientBalance, submitTask } from './control.ts';
import { INLINE_WINDOW_MS, type SandboxContext } from './context.ts';
import { type Reply, failure, json } from './http.ts';
import {
  checkReachOutMode,
  environmentIdOf,
  readTaskRequest,
  type TaskRequest,
} from './request.ts';
import type { RouteDef } from './router.ts';
import { INACTIVITY_MS, type SimSession } from './sessions.ts';
import { inlineBody, pollBody, type Route } from './shapes.ts';
import type { SimTask } from './task.ts';

export function taskRoutes(ctx: SandboxContext): RouteDef[] {
  return [
    {
      method: 'POST',
      path: '/start/run-task',
      auth: 'required',
      limited: true,
      body: 'json',
      handle: ({ body, apiKey }) => runTask(ctx, body, apiKey ?? ''),
    },
    {
      method: 'POST',
      path: '/start/start-session',
      auth: 'required',
      limited: true,
      body: 'json',
      handle: ({ body, apiKey }) => startSession(ctx, body, apiKey ?? ''),
    },
    {
      method: 'POST',
      path: '/start/send-message',
      auth: 'required',
      limited: true,
      body: 'json',
      handle: ({ body, apiKey }) => sendMessage(ctx, body, apiKey ?? ''),
    },
    {
      method: 'GET',
      path: '/task/:sessionId/:taskId',
      auth: 'optional',
      handle: ({ params }) => poll(ctx, params.sessionId ?? '', params.taskId ?? ''),
    },
  ];
}

function sessionLimit(ctx: SandboxContext, apiKey: string): Reply | null {
  const limit = ctx.options.maxConcurrentSessions;
  const current = ctx.sessions.activeCount(apiKey);
  if (current < limit) return null;
  // Error body format 3 of §6.1, as the errors reference shows it for this code.
  return json(429, {
    success: false,
    error: `Maximum concurrent sessions reached (limit: ${limit})`,
    code: 'SESSION_LIMIT_REACHED',
    details: { current, limit },
  });
}

/** The documented 50 s wait: answer as soon as the task settles, else "pending". */
async function answerInline(ctx: SandboxContext, task: SimTask, route: Route): Promise<Reply> {
  await task.settled(INLINE_WINDOW_MS * ctx.options.timeScale);
  return json(200, inlineBody(task, route, ctx.options.legacy, ctx.baseUrl));
}

/** Creates a session and submits its first task; the session is discarded if submission fails. */
function openWithTask(
  ctx: SandboxContext,
  apiKey: string,
  request: TaskRequest,
  autoEnd: boolean,
  environmentId: string | null,
): { session: SimSession; task: SimTask } | Reply {
  const session = ctx.sessions.create(apiKey, autoEnd ? 'completed' : null);
  bindEnvironment(ctx, session, environmentId);
  const submitted = submitTask(ctx, session, request);
  if (submitted.kind === 'task') return { session, task: submitted.task };
  ctx.sessions.discard(session);
  return submitted.kind === 'error' ? submitted.reply : failure(500, 'Internal server error');
}

async function runTask(
  ctx: SandboxContext,
  body: Record<string, unknown>,
  apiKey: string,
): Promise<Reply> {
  const mode = checkReachOutMode(body);
  if (!mode.ok) return mode.reply;
  const parsed = readTaskRequest(body, true);
  if (!parsed.ok) return parsed.reply;
  const limited = sessionLimit(ctx, apiKey);
  if (limited) return limited;
  // What WebRun does with an unknown environment here is undocumented: the task runs in a fresh browser.
  const environmentId = environmentIdOf(body);
  // run-task forces terminateOnCompletion (§1.2); its session ends with reason "completed".
  const opened = openWithTask(
    ctx,
    apiKey,
    { ...(parsed.value as TaskRequest), terminateOnCompletion: true },
    true,
    environmentId,
  );
  if (!('task' in opened)) return opened;
  return answerInline(ctx, opened.task, 'run-task');
}

function startSession(ctx: SandboxContext, body: Record<string, unknown>, apiKey: string): Reply {
  const mode = checkReachOutMode(body);
  if (!mode.ok) return mode.reply;
  const parsed = readTaskRequest(body, false);
  if (!parsed.ok) return parsed.reply;
  const limited = sessionLimit(ctx, apiKey);
  if (limited) return limited;
  const remaining = ctx.ledger.remaining();
  if (remaining !== null && remaining <= 0) return insufficientBalance(ctx);
  // What WebRun does with an unknown environment here is undocumented: the task runs in a fresh browser.
  const environmentId = environmentIdOf(body);

  let session: SimSession;
  let task: SimTask | null = null;
  if (parsed.value) {
    const opened = openWithTask(ctx, apiKey, parsed.value, false, environmentId);
    if (!('task' in opened)) return opened;
    ({ session, task } = opened);
  } else {
    session = ctx.sessions.create(apiKey, null);
    bindEnvironment(ctx, session, environmentId);
  }
  const live = `${ctx.baseUrl}/live/${session.id}`;
  return json(200, {
    success: true,
    sessionId: session.id,
    // Undocumented but useful: the initial task's id, so it can be polled (§1.1 "Emulator").
    ...(task ? { taskId: task.id } : {}),
    socketURL: ctx.baseUrl,
    streaming: {
      webRTCURL: `${live}/whep`,
      webViewURL: live,
      dimensions: { width: 1024, height: 600 },
    },
    initialPrompt: parsed.value?.spec.prompt ?? '',
    // The real inactivity expiry as this sandbox applies it (scaled by expiryScale).
    expiresIn: Math.round(INACTIVITY_MS * ctx.options.expiryScale),
    balance: ctx.ledger.remaining(),
    message: 'Connect to instance using sessionId in auth',
  });
}

async function sendMessage(
  ctx: SandboxContext,
  body: Record<string, unknown>,
  apiKey: string,
): Promise<Reply> {
  const { sessionId, message } = body;
  if (
    typeof sessionId !== 'string' ||
    sessionId === '' ||
    !message ||
    typeof message !== 'object' ||
    Array.isArray(message)
  ) {
    return failure(400, 'sessionId and message are required');
  }
  const session = ctx.sessions.owned(sessionId, apiKey);
  if (!session)
    return failure(404, `Session ${sessionId} does not exist or has expired`, {
      code: 'SESSION_NOT_FOUND',
    });
  const result = applyMessage(ctx, session, message as Record<string, unknown>);
  if (result.kind === 'error') return result.reply;
  if (result.kind === 'task') return answerInline(ctx, result.task, 'send-message');
  return json(200, { success: true, message: 'Message sent successfully' });
}

function poll(ctx: SandboxContext, sessionId: string, taskId: string): Reply {
  const session = ctx.sessions.get(sessionId);
  if (!session) return failure(404, 'Session not found', { code: 'SESSION_NOT_FOUND' });
  const task = session.tasks.get(taskId);
  if (!task) return failure(404, 'Task not found', { code: 'TASK_NOT_FOUND' });
  return json(200, pollBody(task, ctx.options.legacy));
}

/** Loads the session's browser from the environment (checked to exist by the caller). */
function bindEnvironment(
  ctx: SandboxContext,
  session: SimSession,
  environmentId: string | null,
): void {
  const env = environmentId ? ctx.environments.owned(session.apiKey, environmentId) : undefined;
  if (!env) return;
  session.environmentId = env._id;
  ctx.environments.used(env);
}
