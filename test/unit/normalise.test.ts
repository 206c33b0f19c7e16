// Behaviour of the normaliser beyond the documented examples: precedence between markers,
// id recovery, poll URL building, usage merging and defensive handling of hostile input.
import { describe, expect, it } from 'vitest';
import { normaliseTaskResponse } from '../../src-main/core/webrun/normalise';
import { parseUsage } from '../../src-main/core/webrun/usage';

const SID = 'a1b2c3d4e5f6';
const TID = 'x9y8z7w6v5u4';
const BASE = 'https://connect.webrun.ai';
const POLL = `${BASE}/task/${SID}/${TID}`;

describe('classification order', () => {
  it('guardrail wins over every other marker', () => {
    const body = {
      type: 'guardrail_trigger',
      status: 'failed',
      error: 'x',
      result: { type: 'task_completed', data: {} },
      data: { value: 'Need 2FA code' },
    };
    const outcome = normaliseTaskResponse(body, { phase: 'poll' });
    expect(outcome.state).toBe('needs_input');
    expect(outcome.question).toBe('Need 2FA code');
  });

  it('completed wins over failed and terminated', () => {
    expect(
      normaliseTaskResponse(
        { type: 'task_completed', status: 'failed', data: { message: 'ok' } },
        { phase: 'poll' },
      ).state,
    ).toBe('completed');
    expect(
      normaliseTaskResponse({ status: 'complete', success: false, error: 'x' }, { phase: 'poll' })
        .state,
    ).toBe('completed');
  });

  it('failed wins over terminated and pending', () => {
    expect(
      normaliseTaskResponse({ status: 'failed', pending: true }, { phase: 'submit' }).state,
    ).toBe('failed');
    expect(
      normaliseTaskResponse({ type: 'failed', status: 'terminated' }, { phase: 'poll' }).state,
    ).toBe('failed');
  });

  it('terminated wins over pending', () => {
    expect(
      normaliseTaskResponse({ status: 'terminated', pending: true }, { phase: 'submit' }).state,
    ).toBe('terminated');
  });

  it('bare pending:true is pending on submit but running on poll and socket', () => {
    expect(normaliseTaskResponse({ pending: true }, { phase: 'submit' }).state).toBe('pending');
    expect(normaliseTaskResponse({ pending: true }, { phase: 'poll' }).state).toBe('running');
    expect(normaliseTaskResponse({ pending: true }, { phase: 'socket' }).state).toBe('running');
  });

  it('success:false with an error or only a message is a failure with that message (never unrecognised)', () => {
    expect(
      normaliseTaskResponse({ success: false, message: 'Session not found' }, { phase: 'poll' }),
    ).toMatchObject({ state: 'failed', message: 'Session not found' });
    expect(normaliseTaskResponse({ success: false, error: '' }, { phase: 'poll' }).state).toBe(
      'unrecognised',
    );
    expect(normaliseTaskResponse({ success: false, error: 'boom' }, { phase: 'poll' }).state).toBe(
      'failed',
    );
  });

  it('result.success:true only completes when result.data is an object', () => {
    expect(normaliseTaskResponse({ result: { success: true } }, { phase: 'poll' }).state).toBe(
      'unrecognised',
    );
    expect(
      normaliseTaskResponse({ result: { success: true, data: 'text' } }, { phase: 'poll' }).state,
    ).toBe('unrecognised');
    expect(
      normaliseTaskResponse(
        { result: { success: true, data: { message: 'm' } } },
        { phase: 'poll' },
      ).state,
    ).toBe('completed');
  });

  it.each([
    null,
    undefined,
    0,
    'task_completed',
    true,
    [],
    [{ type: 'task_completed' }],
    {},
    { success: true },
  ])('treats %j as unrecognised', (body) => {
    const outcome = normaliseTaskResponse(body, { phase: 'poll' });
    expect(outcome.state).toBe('unrecognised');
    expect(outcome.usage).toBeNull();
  });

  it('matches markers exactly (no case folding, no inherited properties)', () => {
    expect(normaliseTaskResponse({ type: 'TASK_COMPLETED' }, { phase: 'poll' }).state).toBe(
      'unrecognised',
    );
    const inherited = Object.create({ type: 'task_completed' }) as object;
    expect(normaliseTaskResponse(inherited, { phase: 'poll' }).state).toBe('unrecognised');
  });
});

describe('ids and poll URL', () => {
  it('prefers body ids, then result ids, then the request URL, then pollUrl', () => {
    const url = `${BASE}/task/urlS/urlT`;
    expect(
      normaliseTaskResponse(
        { status: 'running', sessionId: 'bodyS', result: { taskId: 'resT' } },
        { phase: 'poll', requestUrl: url },
      ),
    ).toMatchObject({
      sessionId: 'bodyS',
      taskId: 'resT',
    });
    expect(
      normaliseTaskResponse(
        { status: 'pending', pollUrl: `${BASE}/task/pS/pT` },
        { phase: 'submit' },
      ),
    ).toMatchObject({ sessionId: 'pS', taskId: 'pT' });
  });

  it('decodes percent-encoded ids and ignores the query string', () => {
    const outcome = normaliseTaskResponse(
      { status: 'running' },
      { phase: 'poll', requestUrl: `${BASE}/task/a%2Fb/t1?x=1` },
    );
    expect(outcome).toMatchObject({ sessionId: 'a/b', taskId: 't1' });
  });

  it('builds the poll URL from baseUrl (trailing slashes trimmed) only while the task can still be polled', () => {
    const pending = normaliseTaskResponse(
      { status: 'pending', sessionId: SID, taskId: TID },
      { phase: 'submit', baseUrl: `${BASE}//` },
    );
    expect(pending.pollUrl).toBe(POLL);
    const done = normaliseTaskResponse(
      { type: 'task_completed', sessionId: SID, taskId: TID, data: {} },
      { phase: 'submit', baseUrl: BASE },
    );
    expect(done.pollUrl).toBeNull();
    const noIds = normaliseTaskResponse({ status: 'pending' }, { phase: 'submit', baseUrl: BASE });
    expect(noIds.pollUrl).toBeNull();
  });

  it('keeps a pollUrl the server gave', () => {
    const outcome = normaliseTaskResponse(
      { pending: true, pollUrl: 'https://elsewhere/task/s/t' },
      { phase: 'submit', baseUrl: BASE },
    );
    expect(outcome.pollUrl).toBe('https://elsewhere/task/s/t');
  });

  it('ignores non-string ids', () => {
    const outcome = normaliseTaskResponse(
      { status: 'running', sessionId: 42, taskId: { id: 1 } },
      { phase: 'poll' },
    );
    expect(outcome).toMatchObject({ sessionId: null, taskId: null });
  });
});

describe('payload fields', () => {
  it('keeps ctx.raw verbatim', () => {
    const raw = '{ "status" : "running" }';
    expect(normaliseTaskResponse(JSON.parse(raw), { phase: 'poll', raw }).raw).toBe(raw);
  });

  it('returns an already-parsed structured answer as JSON text', () => {
    const outcome = normaliseTaskResponse(
      { type: 'task_completed', data: { message: { results: [1] } } },
      { phase: 'poll' },
    );
    expect(outcome.message).toBe('{"results":[1]}');
  });

  it('reads failure text from error, error.message or message, and the code from error.code', () => {
    expect(
      normaliseTaskResponse(
        { status: 'failed', error: { message: 'Crashed', code: 'PAGE_CRASH' } },
        { phase: 'poll' },
      ),
    ).toMatchObject({
      message: 'Crashed',
      code: 'PAGE_CRASH',
    });
    expect(
      normaliseTaskResponse({ status: 'failed', message: 'Timed out' }, { phase: 'poll' }),
    ).toMatchObject({ message: 'Timed out', code: null });
  });

  it('only reports a code for failures', () => {
    expect(
      normaliseTaskResponse(
        { status: 'running', message: 'x', code: 'INVALID_API_KEY' },
        { phase: 'poll' },
      ).code,
    ).toBeNull();
    expect(
      normaliseTaskResponse(
        { success: false, message: 'x', code: 'INVALID_API_KEY' },
        { phase: 'submit' },
      ).code,
    ).toBe('INVALID_API_KEY');
  });

  it('tolerates partial file entries and skips those without downloadUrl', () => {
    const outcome = normaliseTaskResponse(
      {
        type: 'task_completed',
        data: {
          files: [
            {
              downloadUrl: 'https://blobs.webrun.ai/files/a%20b.pdf?sig=1',
              timestamp: 'yesterday',
            },
            { downloadUrl: 42 },
            null,
            'https://blobs.webrun.ai/files/c.zip',
            { downloadUrl: 'https://blobs.webrun.ai/', filename: '', source: 7 },
          ],
        },
      },
      { phase: 'poll' },
    );
    expect(outcome.files).toEqual([
      {
        filename: 'a b.pdf',
        source: null,
        downloadUrl: 'https://blobs.webrun.ai/files/a%20b.pdf?sig=1',
        timestamp: null,
      },
      {
        filename: 'blobs.webrun.ai',
        source: null,
        downloadUrl: 'https://blobs.webrun.ai/',
        timestamp: null,
      },
    ]);
  });

  it('flattens network entries and drops junk', () => {
    const outcome = normaliseTaskResponse(
      {
        type: 'task_completed',
        data: {
          network: [
            { urls: [{ url: 'https://a/', timestamp: 1.5 }, { timestamp: 2 }, 'https://b/'] },
            { url: 'https://c/', timestamp: Infinity },
            5,
            '',
            null,
          ],
        },
      },
      { phase: 'poll' },
    );
    expect(outcome.network).toEqual([
      { url: 'https://a/', timestamp: 1.5 },
      { url: 'https://b/', timestamp: null },
      { url: 'https://c/', timestamp: null },
    ]);
  });

  it('turns non-finite and mistyped usage numbers into null, never 0', () => {
    const outcome = normaliseTaskResponse(
      {
        type: 'task_completed',
        data: {},
        usage: { prompt_tokens: NaN, completion_tokens: Infinity, total_tokens: '5', cost: '0.01' },
      },
      { phase: 'poll' },
    );
    expect(outcome.usage).toEqual({
      prompt_tokens: null,
      completion_tokens: null,
      total_tokens: null,
      completion_time: null,
      cost: null,
    });
  });
});

describe('parseUsage', () => {
  it('returns null when nothing usage-like is present', () => {
    expect(parseUsage()).toBeNull();
    expect(parseUsage(undefined, null, 'x', [], { message: 'hi' })).toBeNull();
  });

  it('returns an all-null usage when a usage key is present without a usable value', () => {
    expect(parseUsage({ cost: null })).toEqual({
      prompt_tokens: null,
      completion_tokens: null,
      total_tokens: null,
      completion_time: null,
      cost: null,
    });
  });

  it('maps camelCase names and derives the total only from both parts', () => {
    expect(parseUsage({ inputTokens: 10, outputTokens: 5, computeTime: 2, cost: 0.5 })).toEqual({
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      completion_time: 2,
      cost: 0.5,
    });
    expect(parseUsage({ inputTokens: 10 })?.total_tokens).toBeNull();
    expect(
      parseUsage({ prompt_tokens: 1, completion_tokens: 2, total_tokens: 99 })?.total_tokens,
    ).toBe(99);
  });

  it('merges field by field with earlier sources winning', () => {
    expect(parseUsage({ cost: 0.2 }, { prompt_tokens: 1, completion_tokens: 2, cost: 9 })).toEqual({
      prompt_tokens: 1,
      completion_tokens: 2,
      total_tokens: 3,
      completion_time: null,
      cost: 0.2,
    });
  });

  // A negative cost or count is no reading at all (a bug or a tampered answer): stored as a
  // reported cost it lowered the day's and the month's spend and the budget's view of it.
  it('reads a negative cost, count or time as unknown, never as a figure', () => {
    expect(
      parseUsage({ prompt_tokens: -5, completion_tokens: 2, completion_time: -1, cost: -0.5 }),
    ).toEqual({
      prompt_tokens: null,
      completion_tokens: 2,
      total_tokens: null,
      completion_time: null,
      cost: null,
    });
    // A later source with a real figure still wins over the negative one.
    expect(parseUsage({ cost: -1 }, { cost: 0.25 })?.cost).toBe(0.25);
    expect(parseUsage({ cost: 0 })?.cost).toBe(0);
  });

  it('prefers the snake_case spelling when both are present in one source', () => {
    expect(parseUsage({ prompt_tokens: 1, inputTokens: 2 })?.prompt_tokens).toBe(1);
    expect(parseUsage({ prompt_tokens: 'x', inputTokens: 2 })?.prompt_tokens).toBe(2);
  });

  it('does not overflow into Infinity when deriving the total', () => {
    expect(
      parseUsage({ prompt_tokens: Number.MAX_VALUE, completion_tokens: Number.MAX_VALUE })
        ?.total_tokens,
    ).toBeNull();
  });
});

describe('hostile input never throws', () => {
  it('survives cycles, BigInt, throwing getters and revoked proxies', () => {
    const cyclic: Record<string, unknown> = { type: 'task_completed' };
    cyclic.data = cyclic;
    const throwing = Object.defineProperty({}, 'type', {
      enumerable: true,
      get() {
        throw new Error('boom');
      },
    });
    const { proxy, revoke } = Proxy.revocable({}, {});
    revoke();
    for (const body of [cyclic, { status: 'running', usage: { cost: 10n } }, throwing, proxy]) {
      const outcome = normaliseTaskResponse(body, { phase: 'poll' });
      expect(typeof outcome.raw).toBe('string');
    }
    expect(normaliseTaskResponse(cyclic, { phase: 'poll' }).state).toBe('completed');
    expect(normaliseTaskResponse(throwing, { phase: 'poll' }).state).toBe('unrecognised');
  });
});
