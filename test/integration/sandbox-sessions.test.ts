// Persistent sessions: start-session and every send-message action, and expiry, over real HTTP
// against the sandbox. Sessions last their real five idle minutes and a "long" task an hour of
// simulated time (36 s at timeScale 0.01), so on a loaded machine neither ends between two steps
// of a test (issue 30); the expiry test has a sandbox of its own with fifteen idle seconds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src-main/sandbox/index.ts';
import { call, freshKey, type Json, send, sleep } from '../helpers/sandbox-session-http';

describe('sandbox sessions', () => {
  let sb: SandboxHandle;
  beforeAll(async () => {
    sb = await startSandbox({ timeScale: 0.01, expiryScale: 1, rateLimit: null });
  });
  afterAll(async () => {
    await sb.close();
  });

  it('starts a session with the documented response fields and a live view', async () => {
    const key = freshKey();
    const { status, body } = await call(sb, '/start/start-session', key, {
      mode: 'default',
      reachOutMode: 'off',
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      success: true,
      socketURL: sb.url,
      streaming: {
        webViewURL: `${sb.url}/live/${body.sessionId}`,
        dimensions: { width: 1024, height: 600 },
      },
      expiresIn: 300_000,
      balance: null,
      message: 'Connect to instance using sessionId in auth',
    });
    expect(body.taskId).toBeUndefined();
    const live = await fetch(body.streaming.webViewURL);
    expect(live.status).toBe(200);
    expect(live.headers.get('content-type')).toContain('text/html');
    const html = await live.text();
    expect(html).toContain('http-equiv="refresh"');
    expect(html).toContain(body.sessionId);
    expect((await fetch(`${sb.url}/live/nope`)).status).toBe(404);
  });

  it('starts a session with a Gen2 task and returns its pollable taskId', async () => {
    const key = freshKey();
    const { body } = await call(sb, '/start/start-session', key, {
      task: { prompt: 'Go to example.com [duration:20s]', startingUrl: 'https://example.com' },
    });
    expect(body.initialPrompt).toBe('Go to example.com [duration:20s]');
    expect(sb.submittedTasks(key)).toBe(1);
    let poll: Json = {};
    for (let i = 0; i < 200 && poll.type !== 'task_completed'; i++) {
      poll = (await call(sb, `/task/${body.sessionId}/${body.taskId}`, null)).body;
      await sleep(5);
    }
    expect(poll.type).toBe('task_completed');
    const html = await (await fetch(body.streaming.webViewURL)).text();
    expect(html).toContain('https://example.com');
    expect(html).toContain(`${body.taskId} (completed)`);
    // A start-session session outlives its task.
    const next = await send(sb, key, body.sessionId, {
      actionType: 'newTask',
      newState: 'start',
      prompt: 'another',
    });
    expect(next.body.type).toBe('task_completed');
  });

  it("validates send-message and hides other keys' sessions", async () => {
    const key = freshKey();
    const { body } = await call(sb, '/start/start-session', key, {});
    expect(
      (await call(sb, '/start/send-message', key, { sessionId: body.sessionId })).body,
    ).toEqual({ success: false, message: 'sessionId and message are required' });
    expect(
      (
        await call(sb, '/start/send-message', key, {
          message: { actionType: 'state', newState: 'pause' },
        })
      ).status,
    ).toBe(400);
    const unknown = await send(sb, key, 'ffffffffffff', { actionType: 'state', newState: 'pause' });
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ success: false, code: 'SESSION_NOT_FOUND' });
    expect(
      (await send(sb, freshKey(), body.sessionId, { actionType: 'state', newState: 'pause' }))
        .status,
    ).toBe(404);
    expect(
      (await send(sb, key, body.sessionId, { actionType: 'state', newState: 'manual' })).status,
    ).toBe(400);
    expect((await send(sb, key, body.sessionId, { actionType: 'dance' })).status).toBe(400);
    const empty = await send(sb, key, body.sessionId, {
      actionType: 'newTask',
      newState: 'start',
      prompt: '',
    });
    expect(empty.body).toMatchObject({ success: false, message: 'Missing task.prompt' });
    const emptyGen1 = await send(sb, key, body.sessionId, {
      actionType: 'newTask',
      newState: 'start',
      taskDetails: '',
    });
    expect(emptyGen1.body).toMatchObject({ success: false, message: 'taskDetails is required' });
  });

  it('refuses a second task while one runs, pauses with frozen usage, resumes and completes', async () => {
    const key = freshKey();
    const { body: s } = await call(sb, '/start/start-session', key, {});
    const first = await send(sb, key, s.sessionId, {
      actionType: 'newTask',
      newState: 'start',
      prompt: 'long one [duration:60m]',
    });
    expect(first.body.status).toBe('pending');
    const second = await send(sb, key, s.sessionId, { actionType: 'newTask', prompt: 'another' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({
      success: false,
      code: 'TASK_ALREADY_RUNNING',
      message: 'A task is already running in this session',
    });

    expect(
      (await send(sb, key, s.sessionId, { actionType: 'state', newState: 'pause' })).body,
    ).toEqual({ success: true, message: 'Message sent successfully' });
    const pollPath = `/task/${s.sessionId}/${first.body.taskId}`;
    const a = (await call(sb, pollPath, null)).body;
    await sleep(30);
    const b = (await call(sb, pollPath, null)).body;
    expect(a).toMatchObject({ status: 'running', paused: true });
    expect(b.usage).toEqual(a.usage);

    await send(sb, key, s.sessionId, { actionType: 'state', newState: 'resume' });
    await sleep(20);
    const c = (await call(sb, pollPath, null)).body;
    expect(c.usage.total_tokens).toBeGreaterThan(a.usage.total_tokens);
    expect(c.paused).toBeUndefined();
  });

  it('stops a task but keeps the session for a new one', async () => {
    const key = freshKey();
    const { body: s } = await call(sb, '/start/start-session', key, {});
    const first = await send(sb, key, s.sessionId, {
      actionType: 'newTask',
      taskDetails: 'long one [duration:60m]',
    });
    await send(sb, key, s.sessionId, { actionType: 'state', newState: 'stop' });
    const polled = (await call(sb, `/task/${s.sessionId}/${first.body.taskId}`, null)).body;
    expect(polled).toMatchObject({ success: false, status: 'failed', code: 'TASK_STOPPED' });
    const next = await send(sb, key, s.sessionId, {
      actionType: 'newTask',
      taskDetails: 'short one',
    });
    expect(next.body.type).toBe('task_completed');
  });

  it('accepts manual interactions, pausing the agent during takeover', async () => {
    const key = freshKey();
    const { body: s } = await call(sb, '/start/start-session', key, {});
    const task = await send(sb, key, s.sessionId, {
      actionType: 'newTask',
      prompt: 'long one [duration:60m]',
    });
    const ok = { success: true, message: 'Message sent successfully' };
    expect(
      (
        await send(sb, key, s.sessionId, {
          actionType: 'interaction',
          action: { type: 'takeOverControl' },
        })
      ).body,
    ).toEqual(ok);
    expect((await call(sb, `/task/${s.sessionId}/${task.body.taskId}`, null)).body.paused).toBe(
      true,
    );
    expect(
      (
        await send(sb, key, s.sessionId, {
          actionType: 'interaction',
          action: { type: 'CLICK', x: 500, y: 300 },
        })
      ).body,
    ).toEqual(ok);
    expect(
      (
        await send(sb, key, s.sessionId, {
          actionType: 'interaction',
          action: { type: 'DOUBLE_CLICK', x: 10, y: 200 },
        })
      ).body,
    ).toEqual(ok);
    expect(
      (
        await send(sb, key, s.sessionId, {
          actionType: 'interaction',
          action: { type: 'TYPE', text: 'hunter2', humanLike: true },
        })
      ).body,
    ).toEqual(ok);
    const live = await (await fetch(s.streaming.webViewURL)).text();
    expect(live).toContain('TYPE 7 characters by user');
    expect(live).not.toContain('hunter2');
    expect(
      (
        await send(sb, key, s.sessionId, {
          actionType: 'interaction',
          action: { type: 'KEY_PRESS', key: 'Enter' },
        })
      ).body,
    ).toEqual(ok);
    expect(
      (await send(sb, key, s.sessionId, { actionType: 'interaction', action: { type: 'CLICK' } }))
        .status,
    ).toBe(400);
    expect(
      (await send(sb, key, s.sessionId, { actionType: 'interaction', action: { type: 'SWIPE' } }))
        .status,
    ).toBe(400);
    expect(
      (
        await send(sb, key, s.sessionId, {
          actionType: 'interaction',
          action: { type: 'releaseControl' },
        })
      ).body,
    ).toEqual(ok);
    expect(
      (await call(sb, `/task/${s.sessionId}/${task.body.taskId}`, null)).body.paused,
    ).toBeUndefined();
  });

  it('terminates a session: its running task polls as terminated and the session is gone', async () => {
    const key = freshKey();
    const { body: s } = await call(sb, '/start/start-session', key, {});
    const task = await send(sb, key, s.sessionId, {
      actionType: 'newTask',
      prompt: 'long one [duration:60m]',
    });
    await send(sb, key, s.sessionId, { actionType: 'state', newState: 'terminate' });
    const polled = (await call(sb, `/task/${s.sessionId}/${task.body.taskId}`, null)).body;
    expect(polled).toMatchObject({ status: 'terminated', taskId: task.body.taskId });
    expect(
      (await send(sb, key, s.sessionId, { actionType: 'state', newState: 'resume' })).status,
    ).toBe(404);
  });

  it('expires an idle session after 5 (scaled) minutes; an unanswered guardrail does not keep it alive', async () => {
    // Fifteen idle seconds (expiryScale 0.05). Two steps 9 s apart each leave 6 s of slack for a
    // loaded machine (2.4 s was not enough with a twelfth of a core), yet together outlast one
    // expiry: only re-arming keeps the session alive.
    const short = await startSandbox({ timeScale: 0.001, expiryScale: 0.05, rateLimit: null });
    try {
      const key = freshKey();
      const { body: idle } = await call(short, '/start/start-session', key, {});
      expect(idle.expiresIn).toBe(15_000);
      const { body: asking } = await call(short, '/start/start-session', key, {
        task: { prompt: 'log in [guardrail] [duration:20s]' },
      });
      await sleep(9000);
      expect(
        (await send(short, key, idle.sessionId, { actionType: 'state', newState: 'pause' })).status,
      ).toBe(200);
      await sleep(9000);
      // 18 s after it started: the activity at 9 s re-armed the 15 s timer.
      expect(
        (await send(short, key, idle.sessionId, { actionType: 'state', newState: 'resume' }))
          .status,
      ).toBe(200);
      await sleep(15_500);
      expect(
        (await send(short, key, idle.sessionId, { actionType: 'state', newState: 'resume' }))
          .status,
      ).toBe(404);
      // Polling is not activity: the guardrail-waiting session expired and its task with it.
      const polled = (await call(short, `/task/${asking.sessionId}/${asking.taskId}`, null)).body;
      expect(polled).toMatchObject({ status: 'terminated', taskId: asking.taskId });
    } finally {
      await short.close();
    }
  }, 120_000);
});
