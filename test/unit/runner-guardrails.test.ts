// How the Runner handles guardrail questions: asking, answering, retries and timeouts.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { MAX_QUESTION_TIMEOUT_MS } from '../../src-main/contract/bounds';
import { WebRunError } from '../../src-main/core/webrun/errors';
import {
  changes,
  details,
  flush,
  makeRunner,
  outcome,
  scriptedClient,
  store,
  submit,
  useRunnerHarness,
} from '../helpers/runner-harness';

useRunnerHarness();

describe('Runner', () => {
  it('asks once, delivers the answer once without storing it, and resumes polling the same task', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({
        state: 'needs_input',
        sessionId: 's1',
        taskId: 't1',
        question: 'I need login credentials',
      }),
    );
    s.onPoll(async () => outcome({ state: 'needs_input', question: 'I need login credentials' }));
    const r = makeRunner(s.client);
    const task = submit(r);
    await flush();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(store.get(task.id)).toMatchObject({
      status: 'needs_input',
      question: 'I need login credentials',
    });
    expect(details.openGuardrails()).toHaveLength(1);

    s.onPoll(async () => outcome({ state: 'completed', message: 'logged in and done' }));
    const answering = r.controls.answer(task.id, 'user: ada / pw: hunter2');
    await expect(r.controls.answer(task.id, 'again')).rejects.toThrow(/already being sent/);
    await answering;
    expect(s.client.answerGuardrail).toHaveBeenCalledExactlyOnceWith(
      's1',
      'user: ada / pw: hunter2',
      'resume',
    );
    await flush();
    expect(store.get(task.id)).toMatchObject({ status: 'completed', question: null });
    expect(details.guardrails(task.id)[0]).toMatchObject({ outcome: 'answered' });
    expect(JSON.stringify(store.events(task.id))).not.toContain('hunter2');
    expect(JSON.stringify(changes)).not.toContain('hunter2');
  });

  it('retries a guardrail answer on a transient error, but not on an unknown outcome', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({ state: 'needs_input', sessionId: 's1', taskId: 't1', question: 'Which size?' }),
    );
    const r = makeRunner(s.client);
    const task = submit(r);
    await flush();
    s.client.answerGuardrail.mockRejectedValueOnce(
      new WebRunError({
        kind: 'unavailable',
        status: 503,
        message: 'No available instances.',
        retryAfterMs: 1_000,
      }),
    );
    const done = r.controls.answer(task.id, 'M');
    await vi.advanceTimersByTimeAsync(1_000);
    await done;
    expect(s.client.answerGuardrail).toHaveBeenCalledTimes(2);
    expect(store.get(task.id)!.status).toBe('running');
  });

  it('notices a question answered elsewhere and takes it out of the inbox', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({
        state: 'needs_input',
        sessionId: 's1',
        taskId: 't1',
        question: 'Confirm purchase?',
      }),
    );
    s.onPoll(async () => outcome({ state: 'running' }));
    const task = submit(makeRunner(s.client));
    await flush();
    expect(details.openGuardrails()).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(store.get(task.id)).toMatchObject({ status: 'running', question: null });
    expect(details.openGuardrails()).toHaveLength(0);
  });

  it('stops a task whose question waits past the guardrail timeout', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({ state: 'needs_input', sessionId: 's1', taskId: 't1', question: 'CAPTCHA' }),
    );
    const task = submit(makeRunner(s.client, { guardrailTimeoutMs: () => 60_000 }));
    await flush();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(store.get(task.id)).toMatchObject({
      status: 'stopped',
      error: { code: 'GUARDRAIL_TIMEOUT' },
    });
    expect(s.client.answerGuardrail).toHaveBeenCalledWith('s1', expect.any(String), 'stop');
    expect(details.guardrails(task.id)[0]!.outcome).toBe('timed_out');
  });
  it('keeps a question open for a timeout longer than a platform timer keeps (30 days), not 1 ms', async () => {
    const s = scriptedClient();
    s.onSubmit(async () =>
      outcome({ state: 'needs_input', sessionId: 's1', taskId: 't1', question: 'CAPTCHA' }),
    );
    s.onPoll(async () => outcome({ state: 'needs_input', question: 'CAPTCHA' }));
    const task = submit(makeRunner(s.client, { guardrailTimeoutMs: () => 2_592_000_000 }));
    await flush();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(store.get(task.id)).toMatchObject({ status: 'needs_input' });
    expect(s.client.answerGuardrail).not.toHaveBeenCalled();
  });

  it('for any accepted question timeout, stops the task at that time and not a millisecond before', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 10_000, max: MAX_QUESTION_TIMEOUT_MS }), async (ms) => {
        const s = scriptedClient();
        s.onSubmit(async () =>
          outcome({ state: 'needs_input', sessionId: 's1', taskId: 't1', question: 'CAPTCHA' }),
        );
        s.onPoll(async () => outcome({ state: 'needs_input', question: 'CAPTCHA' }));
        const r = makeRunner(s.client, { guardrailTimeoutMs: () => ms });
        const task = submit(r);
        await flush();
        const askedAt = Date.now();
        await vi.advanceTimersByTimeAsync(ms - 1 - (Date.now() - askedAt));
        expect(store.get(task.id)!.status).toBe('needs_input');
        await vi.advanceTimersByTimeAsync(1);
        expect(store.get(task.id)!.status).toBe('stopped');
        await r.close();
      }),
      { numRuns: 12 },
    );
  });
});
