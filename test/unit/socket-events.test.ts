// Socket.IO payload parsing (webrun-api.md §2). Documented payloads are covered by the
// fixture table in normalise.fixtures.test.ts; this file covers variants, leniency and junk.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_RAW_CHARS, parseSocketEvent } from '../../src-main/core/webrun/socket-events';

const SID = 'a1b2c3d4e5f6';

describe('message events', () => {
  it('parses a task_completed payload through the normaliser and fills the socket session', () => {
    const event = parseSocketEvent(
      'message',
      { type: 'task_completed', taskId: 't1', data: { message: 'done' }, usage: { cost: 0.01 } },
      { sessionId: SID },
    );
    expect(event).toMatchObject({
      kind: 'task_completed',
      outcome: {
        state: 'completed',
        sessionId: SID,
        taskId: 't1',
        message: 'done',
        usage: { cost: 0.01 },
      },
    });
  });

  it('keeps the payload sessionId over the socket one', () => {
    const event = parseSocketEvent(
      'message',
      { type: 'task_completed', sessionId: 'other', data: {} },
      { sessionId: SID },
    );
    expect(event).toMatchObject({ outcome: { sessionId: 'other' } });
  });

  it('keeps the original text as outcome.raw when the payload arrives as JSON text', () => {
    const text =
      '{"type":"guardrail_trigger","data":{"type":"human_input_needed","value":"Need OTP"}}';
    const event = parseSocketEvent('message', text);
    expect(event).toMatchObject({
      kind: 'guardrail_trigger',
      outcome: { state: 'needs_input', question: 'Need OTP', raw: text },
    });
  });

  it('accepts the agent text under data as well', () => {
    expect(parseSocketEvent('message', { type: 'agent', data: { content: 'thinking' } })).toEqual({
      kind: 'agent',
      content: 'thinking',
    });
  });

  it('keeps the action data and reads a top-level name', () => {
    expect(
      parseSocketEvent('message', { type: 'action', name: 'scroll', data: { dy: 200 } }),
    ).toEqual({ kind: 'action', name: 'scroll', target: null, data: { dy: 200 } });
  });

  it('reads errors in all three styles and never loses them for lack of text', () => {
    expect(
      parseSocketEvent('message', {
        type: 'error',
        error: { message: 'Crashed', code: 'PAGE_CRASH' },
      }),
    ).toEqual({ kind: 'error', message: 'Crashed', code: 'PAGE_CRASH' });
    expect(parseSocketEvent('message', { type: 'error', message: 'Oops' })).toEqual({
      kind: 'error',
      message: 'Oops',
      code: null,
    });
    expect(parseSocketEvent('message', { type: 'error', code: 'SESSION_EXPIRED' })).toEqual({
      kind: 'error',
      message: 'SESSION_EXPIRED',
      code: 'SESSION_EXPIRED',
    });
    expect(parseSocketEvent('message', { type: 'error' })).toMatchObject({
      kind: 'error',
      code: null,
    });
  });

  it('task_started without a taskId still reports the start', () => {
    expect(parseSocketEvent('message', { type: 'task_started' })).toEqual({
      kind: 'task_started',
      taskId: null,
    });
    expect(parseSocketEvent('message', { type: 'task_started', taskId: 't9' })).toEqual({
      kind: 'task_started',
      taskId: 't9',
    });
  });

  it('accepts the named events when they come as message types', () => {
    expect(parseSocketEvent('message', { type: 'end_session', reason: 'expired' })).toMatchObject({
      kind: 'end_session',
      reason: 'expired',
    });
    expect(
      parseSocketEvent('message', { type: 'instance:disconnected', gracePeriod: 1000 }),
    ).toMatchObject({ kind: 'instance_disconnected', gracePeriodMs: 1000 });
    expect(parseSocketEvent('message', { type: 'instance:reconnected' })).toEqual({
      kind: 'instance_reconnected',
      message: null,
    });
  });

  it.each([
    ['not json', 'payload is not valid JSON'],
    ['[1,2]', 'payload is not an object'],
    [null, 'payload is not an object'],
    [{ content: 'no type' }, 'payload has no string "type"'],
    [{ type: 7 }, 'payload has no string "type"'],
    [{ type: 'mystery' }, 'unknown message type "mystery"'],
    [{ type: 'agent' }, 'agent event without content'],
    [{ type: 'action', data: {} }, 'action event without a name'],
    [{ type: 'response_update', data: {} }, 'response_update without a message'],
  ])('marks %j as unparseable', (payload, reason) => {
    const event = parseSocketEvent('message', payload);
    expect(event).toMatchObject({ kind: 'unparseable', eventName: 'message', reason });
  });
});

describe('named events', () => {
  it('maps unknown or missing end_session reasons to unknown', () => {
    expect(parseSocketEvent('end_session', { reason: 'bored' })).toEqual({
      kind: 'end_session',
      reason: 'unknown',
      message: null,
    });
    expect(parseSocketEvent('end_session', undefined)).toEqual({
      kind: 'end_session',
      reason: 'unknown',
      message: null,
    });
    expect(parseSocketEvent('end_session', 42)).toEqual({
      kind: 'end_session',
      reason: 'unknown',
      message: null,
    });
  });

  it('takes a bare string end_session payload as the reason', () => {
    expect(parseSocketEvent('end_session', 'terminated')).toEqual({
      kind: 'end_session',
      reason: 'terminated',
      message: null,
    });
    expect(parseSocketEvent('end_session', '{"reason":"instance_lost","message":"gone"}')).toEqual({
      kind: 'end_session',
      reason: 'instance_lost',
      message: 'gone',
    });
  });

  it('reads the disconnect grace period only when it is a finite number', () => {
    expect(parseSocketEvent('instance:disconnected', { gracePeriod: '300000' })).toEqual({
      kind: 'instance_disconnected',
      message: null,
      gracePeriodMs: null,
    });
    expect(parseSocketEvent('instance:disconnected', { gracePeriodMs: 5 })).toMatchObject({
      gracePeriodMs: 5,
    });
  });

  it('marks unknown event names unparseable', () => {
    expect(parseSocketEvent('connect_error', { message: 'x' })).toMatchObject({
      kind: 'unparseable',
      eventName: 'connect_error',
      raw: '{"message":"x"}',
    });
  });

  it('truncates the raw text of an unparseable event to 10 KB', () => {
    const huge = 'x'.repeat(50_000);
    const event = parseSocketEvent('message', huge);
    expect(event.kind).toBe('unparseable');
    if (event.kind === 'unparseable') expect(event.raw).toHaveLength(MAX_RAW_CHARS);
  });

  it('does not throw on unserialisable payloads', () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(parseSocketEvent('message', cyclic)).toMatchObject({
      kind: 'unparseable',
      raw: '[object Object]',
    });
    expect(parseSocketEvent('message', { type: 'agent', content: 'ok', big: 1n })).toEqual({
      kind: 'agent',
      content: 'ok',
    });
  });
});

describe('parseSocketEvent properties', () => {
  const RUNS = { numRuns: 1000 };
  const eventName = fc.oneof(
    fc.constantFrom('message', 'end_session', 'instance:disconnected', 'instance:reconnected'),
    fc.string(),
  );
  const messageType = fc.constantFrom(
    'agent',
    'action',
    'response_update',
    'task_started',
    'task_completed',
    'guardrail_trigger',
    'error',
    'end_session',
    'x',
  );
  const anything = fc.anything({
    withBigInt: true,
    withBoxedValues: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withSparseArray: true,
  });
  const typed = fc
    .tuple(messageType, fc.dictionary(fc.string(), fc.jsonValue()))
    .map(([type, rest]) => ({ ...rest, type }));

  function check(event: ReturnType<typeof parseSocketEvent>): void {
    expect(typeof event.kind).toBe('string');
    if (event.kind === 'unparseable') expect(event.raw.length).toBeLessThanOrEqual(MAX_RAW_CHARS);
  }

  it('never throws on arbitrary JSON values', () => {
    fc.assert(
      fc.property(eventName, fc.jsonValue(), (name, payload) =>
        check(parseSocketEvent(name, payload)),
      ),
      RUNS,
    );
  });

  it('never throws on arbitrary JS values', () => {
    fc.assert(
      fc.property(eventName, anything, (name, payload) => check(parseSocketEvent(name, payload))),
      RUNS,
    );
  });

  it('never throws on arbitrary JSON text or typed message objects', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) =>
        check(parseSocketEvent('message', text)),
      ),
      RUNS,
    );
    fc.assert(
      fc.property(typed, (payload) =>
        check(parseSocketEvent('message', payload, { sessionId: SID })),
      ),
      RUNS,
    );
  });
});
