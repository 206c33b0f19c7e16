// A task's story, told from what the store holds: its transitions from the first (queued),
// what the agent said and did over the socket, the pages it visited, the questions it asked
// with when and by whom they were answered, and who held the browser. The Live tab and the
// Events timeline both read it, so a finished task replays without contacting WebRun.
import { formatDuration } from '../../contract/duration-format';
import { eventFingerprint } from '../../contract/event-fingerprint';
import type { TaskActivity } from '../../contract/schemas';
import { activityOf } from '../webrun/activity';
import type { GuardrailRow } from './task-details-store';
import type { SocketEvent } from '../webrun/socket-events';

export interface StoredEvent {
  at: number;
  kind: string;
  fromStatus: string | null;
  toStatus: string | null;
  payload: unknown;
}

export interface StorySources {
  events: readonly StoredEvent[];
  guardrails: readonly Pick<GuardrailRow, 'question' | 'askedAt' | 'answeredAt' | 'outcome'>[];
  samples: readonly { at: number; cost: number | null }[];
  network: readonly { url: string; at: number | null }[];
}

const ARRIVED: Record<string, string> = {
  queued: 'Queued',
  submitting: 'Sent to WebRun',
  running: 'Running',
  needs_input: 'Waiting for an answer',
  paused: 'Paused',
  completed: 'Completed',
  failed: 'Failed',
  stopped: 'Stopped',
  cancelled: 'Cancelled',
  unknown: 'Outcome unknown: no answer came back',
};

function transitionText(from: string | null, to: string, payload: unknown): string {
  if (to === 'running' && from === 'paused') return 'Resumed';
  if (to === 'running' && from === 'needs_input') return 'Running again';
  if (to === 'running' && from === 'unknown') return 'Checking with WebRun again';
  if (to === 'queued' && from !== null) return 'Back in the queue (WebRun was busy or unreachable)';
  const message = (payload as { message?: unknown } | null)?.message;
  if ((to === 'failed' || to === 'unknown') && typeof message === 'string')
    return `${ARRIVED[to]}: ${message}`;
  return ARRIVED[to] ?? to;
}

const WHERE: Record<'app' | 'cli', string> = { app: 'in the app', cli: 'from the CLI' };

function answerText(g: StorySources['guardrails'][number], by: 'app' | 'cli' | null): string {
  const after = formatDuration((g.answeredAt ?? g.askedAt) - g.askedAt);
  switch (g.outcome) {
    case 'answered':
      return by ? `Answered ${WHERE[by]} after ${after}` : `Answered after ${after}`;
    case 'timed_out':
      return `Not answered within ${after}; the task was stopped`;
    case 'stopped':
      return `The task was stopped ${after} after the question`;
    default:
      return `The question was withdrawn after ${after}`;
  }
}

/** Pages are listed once each, in the order first seen, at most this many. */
const MAX_PAGES = 200;

export function buildStory(taskId: string, src: StorySources): TaskActivity[] {
  const entries: Omit<TaskActivity, 'cost'>[] = [];
  // Who answered each question, in order (the handler records it beside the runner's event).
  const answeredBy: ('app' | 'cli')[] = [];
  for (const e of src.events) {
    const payload = e.payload as Record<string, unknown> | null;
    if (e.kind === 'transition' && e.toStatus) {
      entries.push({
        taskId,
        at: e.at,
        kind: 'transition',
        text: transitionText(e.fromStatus, e.toStatus, payload),
      });
    } else if (payload && typeof payload.socket === 'string' && payload.event) {
      const event = payload.event as SocketEvent;
      const line = activityOf(event);
      if (line)
        entries.push({
          taskId,
          at: e.at,
          kind: line.kind,
          text: line.text.slice(0, 2_000),
          fingerprint: eventFingerprint(event),
        });
    } else if (
      payload &&
      (payload.control === 'takeOverControl' || payload.control === 'releaseControl')
    ) {
      entries.push({
        taskId,
        at: e.at,
        kind: 'control',
        text:
          payload.control === 'takeOverControl'
            ? 'You took over the browser; the agent waits'
            : 'You handed the browser back to the agent',
      });
    } else if (payload && (payload.answeredBy === 'app' || payload.answeredBy === 'cli')) {
      answeredBy.push(payload.answeredBy);
    } else if (e.kind === 'error' && payload && typeof payload.message === 'string') {
      entries.push({ taskId, at: e.at, kind: 'error', text: payload.message.slice(0, 500) });
    }
  }
  let answered = 0;
  for (const g of src.guardrails) {
    entries.push({ taskId, at: g.askedAt, kind: 'question', text: `Asked: ${g.question}` });
    if (g.answeredAt === null) continue;
    const by = g.outcome === 'answered' ? (answeredBy[answered++] ?? null) : null;
    entries.push({ taskId, at: g.answeredAt, kind: 'answer', text: answerText(g, by), by });
  }
  const seen = new Set<string>();
  for (const n of src.network) {
    if (n.at === null || seen.has(n.url) || seen.size >= MAX_PAGES) continue;
    seen.add(n.url);
    entries.push({ taskId, at: n.at, kind: 'page', text: n.url });
  }
  // A stable sort keeps the stored order of entries stamped with the same millisecond.
  entries.sort((a, b) => a.at - b.at);
  return withCost(entries, src.samples);
}

/** Each entry with the latest known running cost at its time (samples are in time order). */
function withCost(
  entries: Omit<TaskActivity, 'cost'>[],
  samples: StorySources['samples'],
): TaskActivity[] {
  let i = 0;
  let cost: number | null = null;
  return entries.map((entry) => {
    while (i < samples.length && samples[i]!.at <= entry.at) {
      if (samples[i]!.cost !== null) cost = samples[i]!.cost;
      i += 1;
    }
    return { ...entry, cost };
  });
}
