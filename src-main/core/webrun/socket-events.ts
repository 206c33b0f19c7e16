// Parses Socket.IO traffic from a WebRun session (webrun-api.md §2) into one typed union.
// Payloads differ between pages (§7.30–7.31: `end_session` with or without `type`, usage in or
// out of `data`, raw-WebSocket style `data.data` errors), and the socket is the live channel the
// UI trusts, so this never throws: anything it cannot read becomes `unparseable` with the raw
// text, for the event log.

import { normaliseTaskResponse, safeStringify } from './normalise';
import type { TaskOutcome } from './types';
import { finite, isRecord, own, text, type Rec } from './json-read';

export type EndSessionReason =
  'completed' | 'terminated' | 'expired' | 'terminateOnCompletion' | 'instance_lost' | 'unknown';

export type SocketEvent =
  | { kind: 'agent'; content: string }
  | { kind: 'action'; name: string; target: string | null; data: unknown }
  | { kind: 'response_update'; message: string }
  | { kind: 'task_started'; taskId: string | null }
  | { kind: 'task_completed'; outcome: TaskOutcome }
  | { kind: 'guardrail_trigger'; outcome: TaskOutcome }
  | { kind: 'error'; message: string; code: string | null }
  | { kind: 'end_session'; reason: EndSessionReason; message: string | null }
  | { kind: 'instance_disconnected'; message: string | null; gracePeriodMs: number | null }
  | { kind: 'instance_reconnected'; message: string | null }
  | { kind: 'unparseable'; eventName: string; reason: string; raw: string };

export interface SocketEventContext {
  /** The session the socket is bound to; fills in ids that Gen0 payloads leave out. */
  sessionId?: string | null;
}

/** Cap on the raw text kept for an unparseable event, in UTF-16 code units (~10 KB of ASCII). */
export const MAX_RAW_CHARS = 10 * 1024;

const END_REASONS: ReadonlySet<string> = new Set([
  'completed',
  'terminated',
  'expired',
  'terminateOnCompletion',
  'instance_lost',
]);

/** The payload as a value plus the text it came as (the raw-WebSocket variant sends JSON text). */
interface Decoded {
  value: unknown;
  raw: string;
  /** Set when a string payload was not JSON. */
  jsonError: boolean;
}

function decode(payload: unknown): Decoded {
  if (typeof payload !== 'string')
    return { value: payload, raw: safeStringify(payload), jsonError: false };
  try {
    return { value: JSON.parse(payload) as unknown, raw: payload, jsonError: false };
  } catch {
    return { value: payload, raw: payload, jsonError: true };
  }
}

function unparseable(eventName: string, reason: string, raw: string): SocketEvent {
  return {
    kind: 'unparseable',
    eventName,
    reason,
    raw: raw.length > MAX_RAW_CHARS ? raw.slice(0, MAX_RAW_CHARS) : raw,
  };
}

/** Gen0 task payloads omit sessionId; the socket's own session is the right one. */
function withSession(outcome: TaskOutcome, ctx: SocketEventContext | undefined): TaskOutcome {
  const sessionId = text(ctx?.sessionId);
  return outcome.sessionId === null && sessionId !== null ? { ...outcome, sessionId } : outcome;
}

function parseEndSession(value: unknown): SocketEvent {
  // A bare string is taken as the reason; the event itself matters more than its payload.
  const reason = typeof value === 'string' ? value : own(value, 'reason');
  return {
    kind: 'end_session',
    reason:
      typeof reason === 'string' && END_REASONS.has(reason)
        ? (reason as EndSessionReason)
        : 'unknown',
    message: text(own(value, 'message')),
  };
}

function parseDisconnected(value: unknown): SocketEvent {
  return {
    kind: 'instance_disconnected',
    message: text(own(value, 'message')),
    gracePeriodMs: finite(own(value, 'gracePeriod')) ?? finite(own(value, 'gracePeriodMs')),
  };
}

function parseReconnected(value: unknown): SocketEvent {
  return { kind: 'instance_reconnected', message: text(own(value, 'message')) };
}

/** Socket `error` payload: `{error, code}` (Socket.IO pages) or `{data: "…"|{message}}` (raw-ws pages). */
function parseError(payload: Rec): SocketEvent {
  const data = own(payload, 'data');
  const error = own(payload, 'error');
  const code = text(own(payload, 'code')) ?? text(own(error, 'code')) ?? text(own(data, 'code'));
  const message =
    text(error) ??
    text(own(error, 'message')) ??
    text(own(payload, 'message')) ??
    text(data) ??
    text(own(data, 'message')) ??
    text(own(data, 'error'));
  // An error without text is still an error; the code (or a placeholder) keeps it visible.
  return { kind: 'error', message: message ?? code ?? 'Unspecified error from WebRun', code };
}

function parseMessageType(
  type: string,
  payload: Rec,
  decoded: Decoded,
  ctx: SocketEventContext | undefined,
): SocketEvent {
  const data = own(payload, 'data');
  switch (type) {
    case 'agent': {
      const content = text(own(payload, 'content')) ?? text(own(data, 'content')) ?? text(data);
      return content === null
        ? unparseable('message', 'agent event without content', decoded.raw)
        : { kind: 'agent', content };
    }
    case 'action': {
      const name = text(own(data, 'name')) ?? text(own(payload, 'name'));
      if (name === null) return unparseable('message', 'action event without a name', decoded.raw);
      return {
        kind: 'action',
        name,
        target: text(own(data, 'target')) ?? text(own(payload, 'target')),
        data: data ?? null,
      };
    }
    case 'response_update': {
      const message = text(own(data, 'message')) ?? text(own(payload, 'message')) ?? text(data);
      return message === null
        ? unparseable('message', 'response_update without a message', decoded.raw)
        : { kind: 'response_update', message };
    }
    case 'task_started':
      return {
        kind: 'task_started',
        taskId: text(own(data, 'taskId')) ?? text(own(payload, 'taskId')),
      };
    case 'task_completed':
    case 'guardrail_trigger': {
      const outcome = withSession(
        normaliseTaskResponse(payload, { phase: 'socket', raw: decoded.raw }),
        ctx,
      );
      return type === 'task_completed'
        ? { kind: 'task_completed', outcome }
        : { kind: 'guardrail_trigger', outcome };
    }
    case 'error':
      return parseError(payload);
    // Leniency: the named events sometimes carry their own `type`; accept them on `message` too.
    case 'end_session':
      return parseEndSession(payload);
    case 'instance:disconnected':
      return parseDisconnected(payload);
    case 'instance:reconnected':
      return parseReconnected(payload);
    default:
      return unparseable('message', `unknown message type "${type.slice(0, 100)}"`, decoded.raw);
  }
}

function parseMessage(decoded: Decoded, ctx: SocketEventContext | undefined): SocketEvent {
  if (decoded.jsonError) return unparseable('message', 'payload is not valid JSON', decoded.raw);
  if (!isRecord(decoded.value))
    return unparseable('message', 'payload is not an object', decoded.raw);
  const type = own(decoded.value, 'type');
  if (typeof type !== 'string')
    return unparseable('message', 'payload has no string "type"', decoded.raw);
  return parseMessageType(type, decoded.value, decoded, ctx);
}

function parseDecoded(
  eventName: string,
  decoded: Decoded,
  ctx: SocketEventContext | undefined,
): SocketEvent {
  switch (eventName) {
    case 'message':
      return parseMessage(decoded, ctx);
    case 'end_session':
      return parseEndSession(decoded.value);
    case 'instance:disconnected':
      return parseDisconnected(decoded.value);
    case 'instance:reconnected':
      return parseReconnected(decoded.value);
    default:
      return unparseable(eventName, `unknown event "${eventName.slice(0, 100)}"`, decoded.raw);
  }
}

export function parseSocketEvent(
  eventName: string,
  payload: unknown,
  ctx?: SocketEventContext,
): SocketEvent {
  const name = typeof eventName === 'string' ? eventName : safeStringify(eventName);
  let raw = '';
  try {
    const decoded = decode(payload);
    raw = decoded.raw;
    return parseDecoded(name, decoded, ctx);
  } catch (error) {
    const reason = error instanceof Error ? error.message : 'parser failure';
    return unparseable(name, `internal parse failure: ${reason}`, raw);
  }
}
