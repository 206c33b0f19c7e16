// Turns any task-bearing WebRun body (run-task / newTask answer, poll, socket task event) into
// one TaskOutcome. The documentation shows many incompatible shapes for the same thing
// (webrun-api.md §7.1–7.8); this is the only place that knows about them. The classification
// order is the spec's "Client guidance" (end of §7): guardrail, completed, failed, terminated,
// pending, running, otherwise unrecognised. Nothing here may throw: a body we cannot read must
// become `unrecognised` with its raw text kept, never a crash and never a false "completed".

import type { NetworkEntry, OutcomeState, RemoteFile, TaskOutcome } from './types';
import { parseUsage } from './usage';
import { finite, isRecord, own, record, text, type Rec } from './json-read';

export interface NormaliseContext {
  /** 'submit' = answer to run-task / start-session / send-message newTask; 'poll' = GET /task/...; 'socket' = a socket `message` event payload. */
  phase: 'submit' | 'poll' | 'socket';
  /** The URL that was polled, so ids can be recovered from /task/:sessionId/:taskId when the body has none (guardrail bodies never carry ids). */
  requestUrl?: string | null;
  /** The raw text as received (kept in outcome.raw); default JSON.stringify(body). */
  raw?: string;
  /** Base URL used to build a poll URL from ids when pollUrl is absent. */
  baseUrl?: string | null;
}

/** JSON.stringify throws on BigInt and cycles and returns undefined for functions/symbols. */
export function safeStringify(value: unknown): string {
  try {
    const json = JSON.stringify(value);
    if (typeof json === 'string') return json;
  } catch {
    // fall through to String()
  }
  try {
    return String(value);
  } catch {
    return '[unserialisable value]';
  }
}

/** The pieces of a body every rule looks at, read once. */
interface View {
  body: Rec;
  result: Rec;
  data: Rec;
  type: unknown;
  status: unknown;
}

function viewOf(body: Rec): View {
  const result = record(own(body, 'result'));
  // `data ?? result.data` (§7 guidance): legacy inline answers keep the payload under result.
  const data = record(own(body, 'data') ?? own(result, 'data'));
  return { body, result, data, type: own(body, 'type'), status: own(body, 'status') };
}

function isGuardrail(v: View): boolean {
  return v.type === 'guardrail_trigger' || own(v.result, 'type') === 'guardrail_trigger';
}

function isCompleted(v: View): boolean {
  return (
    v.type === 'task_completed' ||
    v.status === 'complete' ||
    v.status === 'completed' ||
    own(v.result, 'type') === 'task_completed' ||
    // Gen0 events.mdx: `result:{success:true,data:{…}}` without any type.
    (own(v.result, 'success') === true && isRecord(own(v.result, 'data')))
  );
}

function isFailed(v: View): boolean {
  const error = own(v.body, 'error');
  if (v.status === 'failed' || v.type === 'failed') return true;
  // `success: false` with an error, or with only a message (the documented error format, §6.1).
  return (
    own(v.body, 'success') === false &&
    ((error != null && error !== '') || text(own(v.body, 'message')) !== null)
  );
}

function classify(v: View, phase: NormaliseContext['phase']): OutcomeState {
  if (isGuardrail(v)) return 'needs_input';
  if (isCompleted(v)) return 'completed';
  if (isFailed(v)) return 'failed';
  if (v.status === 'terminated') return 'terminated';
  // A poll that reports "pending" is still waiting to start: keep it pending rather than
  // unrecognised, since the docs' polling loops keep going on status "pending" (§1.4).
  if (v.status === 'pending') return 'pending';
  if (v.status === 'running' || v.status === 'active') return 'running';
  // Bare `pending:true` means "not done within 50 s" on submit, but "still running" on a poll (§7.3/7.4).
  if (own(v.body, 'pending') === true) return phase === 'submit' ? 'pending' : 'running';
  return 'unrecognised';
}

const TASK_PATH = /\/task\/([^/?#]+)\/([^/?#]+)/;

function decode(segment: string): string | null {
  try {
    return text(decodeURIComponent(segment));
  } catch {
    return text(segment);
  }
}

/** Recovers ids from a `/task/:sessionId/:taskId` URL (guardrail poll bodies carry none). */
export function idsFromTaskUrl(url: unknown): { sessionId: string | null; taskId: string | null } {
  const match = typeof url === 'string' ? TASK_PATH.exec(url) : null;
  if (!match || match[1] === undefined || match[2] === undefined)
    return { sessionId: null, taskId: null };
  return { sessionId: decode(match[1]), taskId: decode(match[2]) };
}

function readIds(
  v: View,
  ctx: NormaliseContext,
  bodyPollUrl: string | null,
): { sessionId: string | null; taskId: string | null } {
  const fromRequest = idsFromTaskUrl(ctx.requestUrl);
  const fromPollUrl = idsFromTaskUrl(bodyPollUrl);
  const pick = (key: 'sessionId' | 'taskId'): string | null =>
    text(own(v.body, key)) ?? text(own(v.result, key)) ?? fromRequest[key] ?? fromPollUrl[key];
  return { sessionId: pick('sessionId'), taskId: pick('taskId') };
}

/** Anything the caller may still poll: the docs keep polling the same taskId after a guardrail answer (§4). */
function stillPollable(state: OutcomeState): boolean {
  return state === 'pending' || state === 'running' || state === 'needs_input';
}

function buildPollUrl(
  state: OutcomeState,
  ids: { sessionId: string | null; taskId: string | null },
  ctx: NormaliseContext,
): string | null {
  if (!stillPollable(state) || ids.sessionId === null || ids.taskId === null) return null;
  const base = text(ctx.baseUrl);
  if (base !== null)
    return `${base.replace(/\/+$/, '')}/task/${encodeURIComponent(ids.sessionId)}/${encodeURIComponent(ids.taskId)}`;
  // Without a base URL the URL we just polled is the poll URL.
  return ctx.phase === 'poll' ? text(ctx.requestUrl) : null;
}

/** Structured output may arrive already parsed; keep it as the JSON text the docs promise (§5.1). */
function messageText(value: unknown): string | null {
  if (typeof value === 'string') return value === '' ? null : value;
  if (isRecord(value) || Array.isArray(value)) return safeStringify(value);
  return null;
}

function errorParts(v: View): { message: string | null; code: string | null } {
  const error = own(v.body, 'error');
  const errorRec = record(error);
  const message =
    text(error) ??
    text(own(errorRec, 'message')) ??
    text(own(v.body, 'message')) ??
    text(own(v.result, 'error')) ??
    text(own(v.data, 'message'));
  const code =
    text(own(v.body, 'code')) ?? text(own(errorRec, 'code')) ?? text(own(v.result, 'code'));
  return { message, code };
}

function readMessage(v: View, state: OutcomeState): string | null {
  if (state === 'failed') return errorParts(v).message;
  if (state === 'completed') {
    // FAQ samples read `result.data.result` (§7.37); accept it as a last resort.
    return (
      messageText(own(v.data, 'message')) ??
      messageText(own(v.data, 'result')) ??
      text(own(v.body, 'message'))
    );
  }
  return text(own(v.body, 'message')) ?? text(own(v.data, 'message'));
}

function fileNameFromUrl(url: string): string {
  const path = url.split(/[?#]/, 1)[0] ?? '';
  const last = path
    .split('/')
    .filter((part) => part !== '')
    .pop();
  return decode(last ?? '') ?? 'download';
}

function toRemoteFile(entry: unknown): RemoteFile | null {
  const file = record(entry);
  const downloadUrl = text(own(file, 'downloadUrl'));
  if (downloadUrl === null) return null;
  return {
    filename: text(own(file, 'filename')) ?? fileNameFromUrl(downloadUrl),
    source: text(own(file, 'source')),
    downloadUrl,
    timestamp: finite(own(file, 'timestamp')),
  };
}

export function readFiles(data: Rec): RemoteFile[] {
  const files = own(data, 'files');
  if (!Array.isArray(files)) return [];
  return files.map(toRemoteFile).filter((file): file is RemoteFile => file !== null);
}

/** One captured URL: a bare string or `{url, timestamp}`. */
function toNetworkEntry(entry: unknown): NetworkEntry | null {
  if (typeof entry === 'string') return entry === '' ? null : { url: entry, timestamp: null };
  const rec = record(entry);
  const url = text(own(rec, 'url'));
  return url === null ? null : { url, timestamp: finite(own(rec, 'timestamp')) };
}

/** Documented shape is `[{id, taskId, urls:[{url,timestamp}]}]`; flat lists are tolerated. */
export function readNetwork(data: Rec): NetworkEntry[] {
  const network = own(data, 'network');
  if (!Array.isArray(network)) return [];
  const entries: NetworkEntry[] = [];
  for (const item of network) {
    const urls = own(record(item), 'urls');
    const candidates: unknown[] = Array.isArray(urls) ? urls : [item];
    for (const candidate of candidates) {
      const entry = toNetworkEntry(candidate);
      if (entry !== null) entries.push(entry);
    }
  }
  return entries;
}

function readUsage(v: View) {
  // Priority follows `usage ?? result.usage ?? data.usage`, then token fields inside data and
  // result (legacy copies put tokens there and only the cost in usage). Merged per field.
  return parseUsage(
    own(v.body, 'usage'),
    own(v.result, 'usage'),
    own(v.data, 'usage'),
    v.data,
    v.result,
  );
}

function readQuestion(v: View, state: OutcomeState): string | null {
  if (state !== 'needs_input') return null;
  return text(own(v.data, 'value')) ?? text(own(v.data, 'message')) ?? text(own(v.body, 'message'));
}

/** An answer with nothing recognised in it: the blank every outcome starts from. */
export function unrecognised(raw: string): TaskOutcome {
  return {
    state: 'unrecognised',
    sessionId: null,
    taskId: null,
    pollUrl: null,
    message: null,
    files: [],
    network: [],
    usage: null,
    question: null,
    code: null,
    completedAt: null,
    raw,
  };
}

function normaliseRecord(body: Rec, ctx: NormaliseContext, raw: string): TaskOutcome {
  const v = viewOf(body);
  const state = classify(v, ctx.phase);
  const bodyPollUrl = text(own(body, 'pollUrl')) ?? text(own(v.result, 'pollUrl'));
  const ids = readIds(v, ctx, bodyPollUrl);
  return {
    state,
    sessionId: ids.sessionId,
    taskId: ids.taskId,
    pollUrl: bodyPollUrl ?? buildPollUrl(state, ids, ctx),
    message: readMessage(v, state),
    files: readFiles(v.data),
    network: readNetwork(v.data),
    usage: readUsage(v),
    question: readQuestion(v, state),
    code: state === 'failed' ? errorParts(v).code : null,
    completedAt: text(own(body, 'completedAt')) ?? text(own(v.result, 'completedAt')),
    raw,
  };
}

export function normaliseTaskResponse(body: unknown, ctx: NormaliseContext): TaskOutcome {
  let raw = '';
  try {
    raw = typeof ctx?.raw === 'string' ? ctx.raw : safeStringify(body);
    if (!isRecord(body)) return unrecognised(raw);
    return normaliseRecord(body, ctx ?? { phase: 'poll' }, raw);
  } catch {
    // Exotic inputs (proxies, throwing getters) must still yield an outcome, never an exception.
    return unrecognised(raw);
  }
}
