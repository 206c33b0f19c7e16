// The session side of the REST protocol (webrun-api.md §1.1, §1.3, §3): control messages and
// the lenient readers of start-session and "Message sent successfully" answers. Pure functions;
// WebRunClient does the sending. Any answer that is not one of the documented shapes becomes a
// `bad_response` WebRunError, so callers never act on a half-understood body.
import { WebRunError } from './errors';
import { normaliseTaskResponse } from './normalise';
import type { TaskOutcome, Usage } from './types';
import { parseUsage } from './usage';
import { isRecord, text, type Rec } from './json-read';

export type SessionState = 'pause' | 'resume' | 'stop' | 'terminate';

export type Interaction =
  | { type: 'takeOverControl' }
  | { type: 'releaseControl' }
  | { type: 'CLICK' | 'DOUBLE_CLICK'; x: number; y: number }
  | { type: 'TYPE'; text: string; humanLike?: boolean }
  | { type: 'KEY_PRESS'; key: string };

export interface StartedSession {
  sessionId: string;
  /** Where to attach the Socket.IO channel; the API host itself when the answer leaves it out. */
  socketUrl: string;
  webViewUrl: string | null;
  webRtcUrl: string | null;
  dimensions: { width: number; height: number } | null;
  /** Milliseconds of inactivity before WebRun ends the session. */
  expiresIn: number | null;
  /** Account balance in USD. */
  balance: number | null;
  /** Id of the initial task, when one was given and WebRun told us (undocumented but seen). */
  taskId: string | null;
  initial: TaskOutcome | null;
  raw: string;
}

/** Numbers sometimes arrive as numeric strings ("12.50"); anything else is "not reported". */
function num(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return null;
}

function first(rec: Rec, keys: string[]): unknown {
  for (const key of keys) if (rec[key] !== undefined && rec[key] !== null) return rec[key];
  return undefined;
}

export function stateMessage(state: SessionState): Rec {
  return { actionType: 'state', newState: state };
}

/** Validates locally so a typo never reaches WebRun as a billed no-op or a 400 we cannot explain. */
export function interactionMessage(action: Interaction): Rec {
  switch (action.type) {
    case 'takeOverControl':
    case 'releaseControl':
      return { actionType: 'interaction', action: { type: action.type } };
    case 'CLICK':
    case 'DOUBLE_CLICK':
      if (!Number.isFinite(action.x) || !Number.isFinite(action.y))
        throw invalid(`${action.type} needs finite x and y`);
      return {
        actionType: 'interaction',
        action: { type: action.type, x: Math.round(action.x), y: Math.round(action.y) },
      };
    case 'TYPE':
      if (typeof action.text !== 'string') throw invalid('TYPE needs text');
      return {
        actionType: 'interaction',
        action: {
          type: 'TYPE',
          text: action.text,
          ...(action.humanLike === undefined ? {} : { humanLike: action.humanLike }),
        },
      };
    case 'KEY_PRESS':
      if (typeof action.key !== 'string' || action.key === '')
        throw invalid('KEY_PRESS needs a key');
      return { actionType: 'interaction', action: { type: 'KEY_PRESS', key: action.key } };
    default:
      throw invalid(`unknown interaction type ${String((action as { type?: unknown }).type)}`);
  }
}

function invalid(message: string): WebRunError {
  return new WebRunError({ kind: 'bad_request', message: `Invalid interaction: ${message}.` });
}

function unexpected(
  what: string,
  reason: string,
  raw: string,
  outcomeUnknown: boolean,
  body?: Rec,
): WebRunError {
  return new WebRunError({
    kind: 'bad_response',
    message: `Unexpected answer to ${what}: ${reason}.`,
    code: text(body?.code),
    outcomeUnknown,
    details: { raw: raw.slice(0, 2000) },
  });
}

/**
 * `{success:true, message:"Message sent successfully"}`. A body without `success` but with a
 * message and no error is accepted too (older copies drop the flag); `success:false` on a 2xx
 * means WebRun refused, so the outcome is known (nothing happened).
 */
/**
 * The usage a control's answer carries, when it carries one: some WebRun servers answer a stop
 * with the task's usage so far, and a stopped task must keep what it cost.
 */
export function ackUsage(body: Rec): Usage | null {
  return parseUsage(body.usage, isRecord(body.data) ? body.data.usage : undefined);
}

export function checkAck(body: Rec, raw: string, what: string, outcomeUnknownIfOdd: boolean): void {
  if (body.success === true) return;
  if (body.success === false) {
    const reason = text(body.message) ?? text(body.error) ?? 'success is false';
    throw unexpected(what, reason, raw, false, body);
  }
  if (body.success === undefined && text(body.message) !== null && body.error === undefined) return;
  throw unexpected(what, 'no success flag', raw, outcomeUnknownIfOdd, body);
}

function streamingOf(body: Rec): Rec {
  return isRecord(body.streaming) ? body.streaming : {};
}

function dimensionsOf(streaming: Rec, body: Rec): StartedSession['dimensions'] {
  const dims = isRecord(streaming.dimensions)
    ? streaming.dimensions
    : isRecord(body.dimensions)
      ? body.dimensions
      : null;
  const width = num(dims?.width);
  const height = num(dims?.height);
  return width !== null && height !== null && width > 0 && height > 0 ? { width, height } : null;
}

/** A task state in the body itself (some servers may answer like run-task), else "submitted". */
function initialOutcome(
  body: Rec,
  raw: string,
  sessionId: string,
  taskId: string | null,
  baseUrl: string,
): TaskOutcome | null {
  const outcome = normaliseTaskResponse(body, { phase: 'submit', raw, baseUrl });
  if (outcome.state !== 'unrecognised')
    return { ...outcome, sessionId: outcome.sessionId ?? sessionId };
  if (taskId === null) return null;
  // Only the id came back: the task was accepted and its result is for the poll (or socket) to tell.
  return {
    ...outcome,
    state: 'pending',
    sessionId,
    taskId,
    pollUrl: `${baseUrl}/task/${encodeURIComponent(sessionId)}/${encodeURIComponent(taskId)}`,
  };
}

/** Every documented start-session answer (§1.1, §7.9) plus the MCP-style `streamingUrl`. */
export function parseStartSession(body: Rec, raw: string, baseUrl: string): StartedSession {
  const what = 'POST /start/start-session';
  if (body.success === false)
    throw unexpected(
      what,
      text(body.message) ?? text(body.error) ?? 'success is false',
      raw,
      false,
      body,
    );
  const sessionId = text(body.sessionId) ?? text(body.session_id);
  // A session may exist (and bill compute time) even though we cannot read its id.
  if (sessionId === null) throw unexpected(what, 'no sessionId', raw, true, body);
  const streaming = streamingOf(body);
  const taskId = text(body.taskId) ?? (isRecord(body.result) ? text(body.result.taskId) : null);
  return {
    sessionId,
    socketUrl: text(first(body, ['socketURL', 'socketUrl', 'socket_url'])) ?? baseUrl,
    webViewUrl:
      text(first(streaming, ['webViewURL', 'webViewUrl'])) ??
      text(first(body, ['webViewURL', 'webViewUrl', 'streamingUrl'])),
    webRtcUrl:
      text(first(streaming, ['webRTCURL', 'webRtcUrl', 'webrtcURL'])) ??
      text(first(body, ['webRTCURL', 'webRtcUrl'])),
    dimensions: dimensionsOf(streaming, body),
    expiresIn: num(body.expiresIn),
    balance: num(body.balance),
    taskId,
    initial: initialOutcome(body, raw, sessionId, taskId, baseUrl),
    raw,
  };
}

/** A follow-up task's answer with the session filled in when the body left it out (legacy copies). */
export function withSession(
  outcome: TaskOutcome,
  sessionId: string,
  pollUrlFor: (ids: { sessionId: string; taskId: string }) => string,
): TaskOutcome {
  if (outcome.sessionId !== null) return outcome;
  const pollable =
    outcome.state === 'pending' || outcome.state === 'running' || outcome.state === 'needs_input';
  return {
    ...outcome,
    sessionId,
    pollUrl:
      outcome.pollUrl ??
      (pollable && outcome.taskId !== null
        ? pollUrlFor({ sessionId, taskId: outcome.taskId })
        : null),
  };
}

/** Replaces a secret (guardrail answer, typed text) wherever it could surface in an error. */
export function redactError(error: unknown, secret: string): unknown {
  if (!(error instanceof WebRunError) || secret === '') return error;
  const scrub = (value: string): string => value.split(secret).join('[redacted]');
  let details = error.details;
  if (details !== undefined) {
    try {
      details = JSON.parse(scrub(JSON.stringify(details))) as unknown;
    } catch {
      details = '[redacted]';
    }
  }
  const cause =
    error.cause instanceof Error && error.cause.message.includes(secret) ? undefined : error.cause;
  return new WebRunError({
    kind: error.kind,
    message: scrub(error.message),
    status: error.status,
    code: error.code,
    details,
    retryAfterMs: error.retryAfterMs,
    rateLimit: error.rateLimit,
    outcomeUnknown: error.outcomeUnknown,
    cause,
  });
}
