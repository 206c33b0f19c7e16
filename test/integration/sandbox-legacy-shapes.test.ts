// The sandbox in legacy mode answers with the older documented shapes (status "complete",
// result wrappers, camelCase usage), over real HTTP on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src-main/sandbox/index.ts';
import { call, freshKey, pollUntil } from '../helpers/sandbox-http';

describe('sandbox legacy shapes', () => {
  let sb: SandboxHandle;
  beforeAll(async () => {
    sb = await startSandbox({ timeScale: 0.001, legacy: true });
  });
  afterAll(async () => {
    await sb.close();
  });

  it('answers run-task inline with status "complete" and a result wrapper', async () => {
    const { body } = await call(sb, '/start/run-task', { body: { taskDetails: 'legacy run' } });
    expect(body).toMatchObject({
      success: true,
      status: 'complete',
      result: { type: 'task_completed' },
    });
    expect(body.type).toBeUndefined();
    expect(body.result.data.message).toContain('legacy run');
    expect(body.result.data.total_tokens).toBe(
      body.result.data.prompt_tokens + body.result.data.completion_tokens,
    );
    expect(typeof body.result.usage.cost).toBe('number');
  });

  it('polls a running task as status "active" with camelCase usage', async () => {
    const first = await call(sb, '/start/run-task', {
      body: { taskDetails: 'legacy slow [duration:90s]' },
    });
    expect(first.body).toMatchObject({ status: 'pending', pending: true });
    const running = await call(sb, `/task/${first.body.sessionId}/${first.body.taskId}`, {
      key: null,
    });
    expect(running.body).toMatchObject({ success: true, status: 'active', pending: true });
    expect(Object.keys(running.body.usage).sort()).toEqual([
      'computeTime',
      'cost',
      'inputTokens',
      'outputTokens',
    ]);
    const done = await pollUntil(
      sb,
      first.body.sessionId,
      first.body.taskId,
      (b) => b.type === 'task_completed',
    );
    expect(done.data.prompt_tokens).toBe(done.usage.inputTokens);
    expect(done.completedAt).toBeTruthy();
  });

  it('answers send-message newTask with result (no status) inline and pending without status', async () => {
    const key = freshKey();
    const session = await call(sb, '/start/start-session', { key, body: {} });
    const { sessionId } = session.body;
    const inline = await call(sb, '/start/send-message', {
      key,
      body: {
        sessionId,
        message: { actionType: 'newTask', newState: 'start', taskDetails: 'quick' },
      },
    });
    expect(inline.body).toMatchObject({
      success: true,
      sessionId,
      result: { type: 'task_completed' },
    });
    expect(inline.body.status).toBeUndefined();
    expect(inline.body.taskId).toBeTruthy();
    const pending = await call(sb, '/start/send-message', {
      key,
      body: { sessionId, message: { actionType: 'newTask', taskDetails: 'slow [duration:90s]' } },
    });
    expect(pending.body).toMatchObject({
      success: true,
      sessionId,
      pending: true,
      pollUrl: expect.stringContaining('/task/'),
    });
    expect(pending.body.status).toBeUndefined();
  });
});
