// Task submission and the send-message action catalogue (webrun-api.md §3, §4), shared by the
// REST routes and the Socket.IO `message` handler so both behave identically.
import type { SandboxContext } from './context.ts';
import { type Reply, failure, json } from './http.ts';
import { parseDirectives } from './directives.ts';
import { readTaskRequest, type TaskRequest } from './request.ts';
import type { SimSession } from './sessions.ts';
import { socketCompleted, socketError } from './shapes.ts';
import { planTask, usageAt } from './simulation.ts';
import { SimTask } from './task.ts';

export type ControlResult =
  { kind: 'ok' } | { kind: 'task'; task: SimTask } | { kind: 'error'; reply: Reply };

/**
 * 402 in either documented shape (webrun-api.md §5.3): the endpoints pages' flat one, or the
 * errors reference's `INSUFFICIENT_BALANCE` with `details` (option `balanceRefusal: 'coded'`).
 */
export function insufficientBalance(ctx: SandboxContext, required: number | null = null): Reply {
  const balance = ctx.ledger.remaining() ?? 0;
  if (ctx.options.balanceRefusal === 'coded') {
    const need = required ?? 0;
    return json(402, {
      success: false,
      error: `Insufficient account balance ($${balance.toFixed(2)} remaining, $${need.toFixed(2)} required)`,
      code: 'INSUFFICIENT_BALANCE',
      details: { balance, required: need },
    });
  }
  return failure(402, 'Insufficient balance.', { balance });
}

export function submitTask(
  ctx: SandboxContext,
  session: SimSession,
  request: TaskRequest,
): ControlResult {
  if (session.busy) {
    return {
      kind: 'error',
      reply: failure(409, 'A task is already running in this session', {
        code: 'TASK_ALREADY_RUNNING',
      }),
    };
  }
  const env = session.environmentId
    ? ctx.environments.owned(session.apiKey, session.environmentId)
    : undefined;
  // A site the environment's saved profile is logged into does not ask for a login again.
  // The nth run of one prompt may answer differently ([drift], [noise], [shrink]).
  const runIndex = ctx.promptRuns.get(request.spec.prompt) ?? 0;
  const plan = planTask(request.spec, ctx.options.seed, env?.logins, runIndex);
  const plannedCost = usageAt(plan, plan.endMs).cost;
  // `[balance:…]`: the account holds this much from now on (to try a balance running out).
  const setBalance = parseDirectives(request.spec.prompt).balance;
  if (setBalance !== undefined) ctx.ledger.setRemaining(setBalance);
  if (!ctx.ledger.canAfford(plannedCost))
    return { kind: 'error', reply: insufficientBalance(ctx, plannedCost) };
  ctx.promptRuns.set(request.spec.prompt, runIndex + 1);

  const task = new SimTask(session.id, plan, request.terminateOnCompletion, {
    scheduler: ctx.scheduler,
    timeScale: ctx.options.timeScale,
    emit: (payload) => ctx.sessions.emit(session, 'message', payload),
    registerFile: (file) => ({
      downloadUrl: ctx.files.downloadUrl(
        ctx.baseUrl,
        ctx.files.put(file.filename, Buffer.from(file.content), 'text/csv'),
      ),
    }),
    onAction: (name, target, url) => {
      if (url) session.currentUrl = url;
      session.lastAction = `${name}: ${target}`;
    },
    onFinish: (finished) => taskFinished(ctx, session, finished),
  });
  session.tasks.set(task.id, task);
  session.current = task;
  if (!session.currentUrl) session.currentUrl = request.spec.startingUrl;
  ctx.ledger.reserve(task.id, plannedCost);
  ctx.submitted.set(session.apiKey, (ctx.submitted.get(session.apiKey) ?? 0) + 1);
  ctx.sessions.touch(session);
  task.start();
  return { kind: 'task', task };
}

function taskFinished(ctx: SandboxContext, session: SimSession, task: SimTask): void {
  ctx.ledger.settle(task.id, task.usage().cost);
  if (task.state === 'completed')
    ctx.sessions.emit(session, 'message', socketCompleted(task, ctx.options.legacy));
  else if (task.state === 'failed' || task.state === 'stopped')
    ctx.sessions.emit(session, 'message', socketError(task));
  if (task.state === 'terminated' || !session.active) return;
  ctx.sessions.touch(session);
  if (session.autoEnd) ctx.sessions.end(session, session.autoEnd);
  else if (task.terminateOnCompletion) ctx.sessions.end(session, 'terminateOnCompletion');
}

/** One send-message `message` object (REST body or socket payload) applied to a session. */
export function applyMessage(
  ctx: SandboxContext,
  session: SimSession,
  message: Record<string, unknown>,
): ControlResult {
  ctx.sessions.touch(session);
  const task = session.current && !session.current.finished ? session.current : null;
  switch (message.actionType) {
    case 'newTask': {
      if (message.newState !== undefined && message.newState !== 'start')
        return badRequest(`Invalid newState for newTask: ${String(message.newState)}`);
      const parsed = readTaskRequest(message, true);
      if (!parsed.ok) return { kind: 'error', reply: parsed.reply };
      return submitTask(ctx, session, parsed.value as TaskRequest);
    }
    case 'state':
      return applyState(ctx, session, task, message.newState);
    case 'interaction':
      return applyInteraction(session, task, message.action);
    case 'guardrail': {
      const newState = message.newState ?? 'resume';
      if (newState !== 'resume' && newState !== 'stop')
        return badRequest(`Invalid newState for guardrail: ${String(newState)}`);
      // Answering a login question logs the browser in; the environment keeps it at session end.
      const login =
        task?.state === 'guardrail' && task.guardrailValue === task.plan.login?.question
          ? task.plan.login.site
          : null;
      if (login && newState === 'resume' && session.environmentId) session.learnedLogins.add(login);
      // The answer text itself is never stored: secrets pass through guardrails.
      if (task?.answerGuardrail(newState === 'resume') && newState === 'resume') {
        ctx.sessions.emit(session, 'message', {
          type: 'response_update',
          data: { message: 'Input received, resuming task.' },
        });
      }
      return { kind: 'ok' };
    }
    default:
      return badRequest(`Invalid actionType: ${String(message.actionType)}`);
  }
}

function applyState(
  ctx: SandboxContext,
  session: SimSession,
  task: SimTask | null,
  newState: unknown,
): ControlResult {
  switch (newState) {
    case 'pause':
      task?.pause();
      return { kind: 'ok' };
    case 'resume':
      task?.resume();
      return { kind: 'ok' };
    case 'stop':
      task?.stop();
      return { kind: 'ok' };
    case 'terminate':
      ctx.sessions.end(session, 'terminated');
      return { kind: 'ok' };
    default:
      return badRequest(`Invalid newState: ${String(newState)}`);
  }
}

const POINTER_ACTIONS = new Set(['CLICK', 'DOUBLE_CLICK']);

function applyInteraction(session: SimSession, task: SimTask | null, raw: unknown): ControlResult {
  const action = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  const type = action.type;
  if (type === 'takeOverControl') {
    session.controlledByUser = true;
    task?.pause();
  } else if (type === 'releaseControl') {
    session.controlledByUser = false;
    task?.resume();
  } else if (typeof type === 'string' && POINTER_ACTIONS.has(type)) {
    if (typeof action.x !== 'number' || typeof action.y !== 'number')
      return badRequest(`${type} requires numeric x and y`);
    session.lastAction = `${type} at (${action.x}, ${action.y}) by user`;
  } else if (type === 'TYPE') {
    if (typeof action.text !== 'string') return badRequest('TYPE requires text');
    // Never echo typed text: it may be a password.
    session.lastAction = `TYPE ${action.text.length} characters by user`;
  } else if (type === 'KEY_PRESS') {
    if (typeof action.key !== 'string' || action.key === '')
      return badRequest('KEY_PRESS requires key');
    session.lastAction = `KEY_PRESS ${action.key} by user`;
  } else {
    return badRequest(`Invalid interaction type: ${String(type)}`);
  }
  return { kind: 'ok' };
}

function badRequest(message: string): ControlResult {
  return { kind: 'error', reply: failure(400, message) };
}
