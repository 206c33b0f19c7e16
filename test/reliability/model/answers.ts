// The answers WebRun may give to the model-based test's core, in every documented shape and
// failure (fast-check arbitraries): run-task's answers, a poll's answers and socket news.
import fc from 'fast-check';
import type { SocketEvent } from '../../../src-main/core/webrun/socket-events';
import type { TaskOutcome } from '../../../src-main/core/webrun/types';
import { outcome as scriptedOutcome } from '../../helpers/runner-harness';
import type { Answer } from './scripted-webrun';

const json = (status: number, body: unknown, acted: boolean, retryAfter?: string): Answer => ({
  kind: 'json',
  status,
  body,
  acted,
  retryAfter,
});
const cost = fc.integer({ min: 0, max: 500 }).map((c) => c / 1000);
const pollUrl = fc.constantFrom(
  null,
  '$BASE/task/$SID/$TID',
  '/task/$SID/$TID',
  '$FOREIGN/task/$SID/$TID',
);

export const submitAnswer: fc.Arbitrary<Answer> = fc.oneof(
  pollUrl.map((url) =>
    json(
      200,
      {
        success: true,
        sessionId: '$SID',
        taskId: '$TID',
        pending: true,
        ...(url ? { pollUrl: url } : {}),
      },
      true,
    ),
  ),
  fc.tuple(pollUrl, cost).map(([url, c]) =>
    json(
      200,
      {
        success: true,
        sessionId: '$SID',
        taskId: '$TID',
        status: 'running',
        usage: { cost: c },
        ...(url ? { pollUrl: url } : {}),
      },
      true,
    ),
  ),
  cost.map((c) =>
    json(
      200,
      {
        success: true,
        type: 'task_completed',
        sessionId: '$SID',
        taskId: '$TID',
        data: { message: 'done' },
        usage: { cost: c },
      },
      true,
    ),
  ),
  cost.map((c) =>
    json(
      200,
      {
        sessionId: '$SID',
        taskId: '$TID',
        status: 'completed',
        result: { data: { message: 'done' } },
        usage: { cost: c },
      },
      true,
    ),
  ),
  fc.constant(
    json(
      200,
      {
        success: true,
        type: 'guardrail_trigger',
        sessionId: '$SID',
        taskId: '$TID',
        data: { value: 'Which size?' },
      },
      true,
    ),
  ),
  fc.constant(json(200, { success: true, status: 'running' }, true)), // running, and no ids at all
  cost.map((c) =>
    json(
      500,
      {
        success: false,
        status: 'failed',
        code: 'NAVIGATION_TIMEOUT',
        error: 'Navigation timeout',
        usage: { cost: c },
      },
      true,
    ),
  ),
  fc.constant(json(200, { success: false, message: 'Prompt rejected' }, true)),
  fc.constant(json(400, { success: false, message: 'Missing task.prompt' }, false)),
  fc.constant(json(402, { success: false, message: 'Insufficient balance.', balance: 0.1 }, false)),
  fc
    .constantFrom('1', undefined)
    .map((ra) =>
      json(
        429,
        { success: false, message: 'Rate limit exceeded. Please try again later.' },
        false,
        ra,
      ),
    ),
  fc.constant(json(503, { success: false, message: 'No available instances.' }, false)),
  fc.constant(json(500, { success: false, message: 'Internal server error' }, false)),
  fc.constantFrom(500, 502, 504).map((status): Answer => ({
    kind: 'raw',
    status,
    text: '<html>Bad gateway</html>',
    acted: true,
  })),
  fc.constant<Answer>({ kind: 'raw', status: 200, text: 'not json', acted: true }),
  fc.constant<Answer>({ kind: 'reset', acted: true }),
  fc.constant<Answer>({ kind: 'hang', acted: true }),
);

export const pollAnswer: fc.Arbitrary<Answer> = fc.oneof(
  cost.map((c) => json(200, { success: true, status: 'running', usage: { cost: c } }, false)),
  fc.constant(json(200, { success: true, status: 'active', pending: true }, false)),
  fc.constant(
    json(
      200,
      {
        success: true,
        status: 'running',
        usage: { cost: null, prompt_tokens: 10, completion_tokens: 5 },
      },
      false,
    ),
  ),
  fc.constant(json(200, { success: true, status: 'running', usage: { prompt_tokens: 10 } }, false)),
  fc.constant(json(200, { success: true, status: 'pending' }, false)),
  cost.map((c) =>
    json(
      200,
      { success: true, status: 'completed', data: { message: 'done' }, usage: { cost: c } },
      false,
    ),
  ),
  cost.map((c) =>
    json(
      200,
      {
        success: false,
        status: 'failed',
        error: 'It broke',
        code: 'TASK_FAILED',
        usage: { cost: c },
      },
      false,
    ),
  ),
  fc.constant(
    json(
      200,
      { success: true, type: 'guardrail_trigger', data: { value: 'Which colour?' } },
      false,
    ),
  ),
  fc.constant(json(200, { status: 'terminated' }, false)),
  fc.constant(json(200, { success: false, message: 'Session expired' }, false)),
  fc
    .constantFrom(400, 402, 403, 404)
    .map((s) => json(s, { success: false, message: `Refused with ${s}` }, false)),
  fc
    .constantFrom(429, 500, 503)
    .map((s) =>
      json(s, { success: false, message: `Unwell (${s})` }, false, s === 429 ? '2' : undefined),
    ),
  fc.constant<Answer>({ kind: 'raw', status: 502, text: '<html>proxy</html>', acted: false }),
  fc.constant<Answer>({ kind: 'raw', status: 200, text: '{"half":', acted: false }),
  fc.constant<Answer>({ kind: 'reset', acted: false }),
  fc.constant<Answer>({ kind: 'hang', acted: false }),
);

/** The shared scripted outcome, reporting a running task unless told otherwise. */
const outcome = (o: Partial<TaskOutcome>): TaskOutcome =>
  scriptedOutcome({ state: 'running', ...o });
export const socketEvent: fc.Arbitrary<SocketEvent> = fc.oneof(
  fc.constant<SocketEvent>({ kind: 'agent', content: 'Looking at the page' }),
  fc.constant<SocketEvent>({ kind: 'action', name: 'click', target: '#buy', data: null }),
  fc.constant<SocketEvent>({
    kind: 'task_completed',
    outcome: outcome({ state: 'completed', message: 'done' }),
  }),
  fc.constant<SocketEvent>({
    kind: 'guardrail_trigger',
    outcome: outcome({ state: 'needs_input', question: 'Which size?' }),
  }),
  fc.constant<SocketEvent>({ kind: 'error', message: 'Something went wrong', code: null }),
  fc.constant<SocketEvent>({ kind: 'end_session', reason: 'expired', message: null }),
);
