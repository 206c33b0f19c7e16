// What the normaliser keeps from each place a field can sit, one place at a time: where the
// failure text and code, the question, the running message, the poll URL and the completion
// time are read from, what a file entry keeps, and what stays empty. normalise.test.ts covers
// precedence between places; these make sure no single place is silently dropped.
import { describe, expect, it } from 'vitest';
import {
  idsFromTaskUrl,
  normaliseTaskResponse,
  safeStringify,
  type NormaliseContext,
} from '../../src-main/core/webrun/normalise';

const BASE = 'https://connect.webrun.ai';
const poll: NormaliseContext = { phase: 'poll' };
const read = (body: unknown, ctx: NormaliseContext = poll) => normaliseTaskResponse(body, ctx);

describe('a failure', () => {
  it('takes its text from result.error or data.message when nothing higher has one', () => {
    expect(read({ status: 'failed', result: { error: 'Page crashed' } }).message).toBe(
      'Page crashed',
    );
    expect(read({ status: 'failed', data: { message: 'Login refused' } }).message).toBe(
      'Login refused',
    );
  });

  it('takes its code from result.code when the body and error have none', () => {
    expect(read({ status: 'failed', result: { code: 'NAVIGATION_TIMEOUT' } }).code).toBe(
      'NAVIGATION_TIMEOUT',
    );
  });

  it('success:false with nothing said (no error, no message) is not a failure: it is unrecognised', () => {
    expect(read({ success: false }).state).toBe('unrecognised');
    expect(read({ success: false, error: null }).state).toBe('unrecognised');
  });
});

describe('a completed answer', () => {
  it('is only the legacy result.success:true form when success is really true', () => {
    expect(read({ result: { success: false, data: { message: 'x' } } }).state).toBe('unrecognised');
  });

  it('reads its message from the body when data has none, and skips an empty data.message', () => {
    expect(read({ status: 'completed', message: 'Done' }).message).toBe('Done');
    expect(read({ status: 'completed', message: 'Done', data: { message: '' } }).message).toBe(
      'Done',
    );
  });

  it('keeps when it completed, from the body or from result', () => {
    expect(read({ status: 'completed', completedAt: '2026-12-07T10:00:00Z' }).completedAt).toBe(
      '2026-12-07T10:00:00Z',
    );
    expect(
      read({ result: { type: 'task_completed', completedAt: '2026-12-07T10:00:01Z' } }).completedAt,
    ).toBe('2026-12-07T10:00:01Z');
  });

  it('has no files and no network when it lists none', () => {
    const outcome = read({ status: 'completed', data: { message: 'Done' } });
    expect(outcome.files).toEqual([]);
    expect(outcome.network).toEqual([]);
  });

  it('keeps a file entry’s own name, source and time; names a nameless one from its URL or "download"', () => {
    const outcome = read({
      status: 'completed',
      data: {
        files: [
          {
            downloadUrl: 'https://blobs.webrun.ai/f/1',
            filename: 'report.pdf',
            source: 'agent',
            timestamp: 1765000000,
          },
          { downloadUrl: '?sig=1' },
        ],
      },
    });
    expect(outcome.files).toEqual([
      {
        filename: 'report.pdf',
        source: 'agent',
        downloadUrl: 'https://blobs.webrun.ai/f/1',
        timestamp: 1765000000,
      },
      { filename: 'download', source: null, downloadUrl: '?sig=1', timestamp: null },
    ]);
  });
});

describe('a task still going', () => {
  it('reports the body’s message first, then data.message, never a completed answer’s fields', () => {
    expect(read({ status: 'running', message: 'Navigating' }).message).toBe('Navigating');
    expect(read({ status: 'running', data: { message: 'Filling the form' } }).message).toBe(
      'Filling the form',
    );
    expect(
      read({ status: 'running', message: 'Navigating', data: { message: 'older' } }).message,
    ).toBe('Navigating');
    expect(read({ status: 'running', data: { result: 'partial' } }).message).toBeNull();
  });

  it('asks the question from data.message or the body’s message when data.value is absent', () => {
    expect(read({ type: 'guardrail_trigger', data: { message: 'Which account?' } }).question).toBe(
      'Which account?',
    );
    expect(read({ type: 'guardrail_trigger', message: 'Which account?' }).question).toBe(
      'Which account?',
    );
  });

  it('keeps a poll URL given under result (the legacy inline answer)', () => {
    const url = `${BASE}/task/s2/t2`;
    expect(
      read({ status: 'running', result: { pollUrl: url } }, { phase: 'submit' }),
    ).toMatchObject({ pollUrl: url, sessionId: 's2', taskId: 't2' });
  });

  it('keeps a poll URL given at the top of the body, and reads the ids from it', () => {
    const url = `${BASE}/task/s1/t1`;
    expect(read({ status: 'running', pollUrl: url }, { phase: 'submit' })).toMatchObject({
      pollUrl: url,
      sessionId: 's1',
      taskId: 't1',
    });
  });

  it('builds no poll URL from one id alone, nor from the URL a submission was sent to', () => {
    expect(
      read({ status: 'running', sessionId: 's1' }, { phase: 'poll', baseUrl: BASE }).pollUrl,
    ).toBeNull();
    expect(
      read({ status: 'running', taskId: 't1' }, { phase: 'poll', baseUrl: BASE }).pollUrl,
    ).toBe(null);
    expect(
      read(
        { status: 'running', sessionId: 's1', taskId: 't1' },
        { phase: 'submit', requestUrl: `${BASE}/run-task` },
      ).pollUrl,
    ).toBeNull();
  });
});

describe('ids from a task URL', () => {
  it('keeps a segment whose percent-encoding is broken as it is, rather than failing', () => {
    expect(idsFromTaskUrl(`${BASE}/task/%E0%A4%A/t1`)).toEqual({
      sessionId: '%E0%A4%A',
      taskId: 't1',
    });
  });
});

describe('what cannot be read', () => {
  it('an answer that is not an object is unrecognised with empty lists', () => {
    expect(read('Bad Gateway')).toMatchObject({
      state: 'unrecognised',
      files: [],
      network: [],
      raw: '"Bad Gateway"',
    });
  });

  it('a value neither JSON nor String can render is named, not thrown', () => {
    const hostile = {
      toJSON() {
        throw new Error('no JSON');
      },
      [Symbol.toPrimitive]() {
        throw new Error('no string');
      },
    };
    expect(safeStringify(hostile)).toBe('[unserialisable value]');
    expect(read(hostile).raw).toBe('[unserialisable value]');
  });

  it('called without a context (a plain JavaScript caller), the body is read as a poll', () => {
    const outcome = normaliseTaskResponse(
      { pending: true },
      undefined as unknown as NormaliseContext,
    );
    expect(outcome.state).toBe('running');
  });
});
