// Persistent sessions: start-session, every send-message action, limits, expiry, balance and
// uploads, over real HTTP against the sandbox (timeScale 0.001: the 5-min expiry is 300 ms).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src-main/core/sandbox/index.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- raw JSON bodies from the wire, asserted field by field
type Json = Record<string, any>;

let keyCounter = 0;
function freshKey(): string {
  keyCounter++;
  return `enig_session_${keyCounter}_${Math.random().toString(36).slice(2, 8)}`;
}

async function call(
  sb: SandboxHandle,
  path: string,
  key: string | null,
  body?: unknown,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${sb.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      'Content-Type': 'application/json',
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function send(sb: SandboxHandle, key: string, sessionId: string, message: Json) {
  return call(sb, '/start/send-message', key, { sessionId, message });
}

describe('sandbox sessions', () => {
  let sb: SandboxHandle;
  beforeAll(async () => {
    sb = await startSandbox({ timeScale: 0.001, rateLimit: null });
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
      expiresIn: 300,
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
      prompt: 'long one [duration:200s]',
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
      taskDetails: 'long one [duration:200s]',
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
      prompt: 'long one [duration:200s]',
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
      prompt: 'long one [duration:200s]',
    });
    await send(sb, key, s.sessionId, { actionType: 'state', newState: 'terminate' });
    const polled = (await call(sb, `/task/${s.sessionId}/${task.body.taskId}`, null)).body;
    expect(polled).toMatchObject({ status: 'terminated', taskId: task.body.taskId });
    expect(
      (await send(sb, key, s.sessionId, { actionType: 'state', newState: 'resume' })).status,
    ).toBe(404);
  });

  it('expires an idle session after 5 (scaled) minutes; an unanswered guardrail does not keep it alive', async () => {
    const key = freshKey();
    const { body: idle } = await call(sb, '/start/start-session', key, {});
    const { body: asking } = await call(sb, '/start/start-session', key, {
      task: { prompt: 'log in [guardrail] [duration:20s]' },
    });
    await sleep(100);
    expect(
      (await send(sb, key, idle.sessionId, { actionType: 'state', newState: 'pause' })).status,
    ).toBe(200);
    await sleep(150);
    // Activity at 100 ms re-armed the 300 ms timer.
    expect(
      (await send(sb, key, idle.sessionId, { actionType: 'state', newState: 'resume' })).status,
    ).toBe(200);
    await sleep(400);
    expect(
      (await send(sb, key, idle.sessionId, { actionType: 'state', newState: 'resume' })).status,
    ).toBe(404);
    // Polling is not activity: the guardrail-waiting session expired and its task with it.
    const polled = (await call(sb, `/task/${asking.sessionId}/${asking.taskId}`, null)).body;
    expect(polled).toMatchObject({ status: 'terminated', taskId: asking.taskId });
  });
});

describe('sandbox limits', () => {
  it('refuses more concurrent sessions than allowed with SESSION_LIMIT_REACHED', async () => {
    const sb = await startSandbox({ timeScale: 0.001, maxConcurrentSessions: 2, rateLimit: null });
    try {
      const key = freshKey();
      const a = await call(sb, '/start/start-session', key, {});
      await call(sb, '/start/start-session', key, {});
      const third = await call(sb, '/start/start-session', key, {});
      expect(third.status).toBe(429);
      expect(third.body).toEqual({
        success: false,
        error: 'Maximum concurrent sessions reached (limit: 2)',
        code: 'SESSION_LIMIT_REACHED',
        details: { current: 2, limit: 2 },
      });
      expect((await call(sb, '/start/run-task', key, { taskDetails: 'x' })).body.code).toBe(
        'SESSION_LIMIT_REACHED',
      );
      expect((await call(sb, '/start/start-session', freshKey(), {})).status).toBe(200);
      await send(sb, key, a.body.sessionId, { actionType: 'state', newState: 'terminate' });
      expect((await call(sb, '/start/start-session', key, {})).status).toBe(200);
    } finally {
      await sb.close();
    }
  });

  it('answers 402 once the balance cannot pay for a task', async () => {
    const sb = await startSandbox({ timeScale: 0.001, balance: 0.05, rateLimit: null });
    try {
      const key = freshKey();
      const s = await call(sb, '/start/start-session', key, {});
      expect(s.body.balance).toBe(0.05);
      expect(
        (await call(sb, '/start/run-task', key, { taskDetails: 'a [cost:0.02]' })).body.usage.cost,
      ).toBe(0.02);
      expect(
        (
          await send(sb, key, s.body.sessionId, {
            actionType: 'newTask',
            taskDetails: 'b [cost:0.02]',
          })
        ).status,
      ).toBe(200);
      const refused = await call(sb, '/start/run-task', key, { taskDetails: 'c [cost:0.02]' });
      expect(refused.status).toBe(402);
      expect(refused.body).toEqual({
        success: false,
        message: 'Insufficient balance.',
        balance: 0.01,
      });
      expect(sb.submittedTasks(key)).toBe(2);
      const cheap = await call(sb, '/start/run-task', key, { taskDetails: 'd [cost:0.01]' });
      expect(cheap.status).toBe(200);
      const broke = await call(sb, '/start/start-session', key, {});
      expect(broke.status).toBe(402);
    } finally {
      await sb.close();
    }
  });
});

describe('sandbox file uploads', () => {
  it('stores multipart files and returns their ids', async () => {
    const sb = await startSandbox({ timeScale: 0.001 });
    try {
      const key = freshKey();
      const form = new FormData();
      form.append('files', new Blob(['hello world'], { type: 'text/plain' }), 'hello.txt');
      form.append('files', new Blob([new Uint8Array([1, 2, 3])]), 'data.bin');
      const res = await fetch(`${sb.url}/files/upload`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}` },
        body: form,
      });
      expect(res.status).toBe(200);
      expect(res.headers.get('x-ratelimit-remaining')).toBe('9');
      const body = (await res.json()) as Json;
      expect(body.success).toBe(true);
      expect(body.files.map((f: Json) => [f.originalName, f.size])).toEqual([
        ['hello.txt', 11],
        ['data.bin', 3],
      ]);
      expect(body.files[0].fileId).toMatch(/^[0-9a-f]{24}$/);
      const download = await fetch(`${sb.url}/files/download/${body.files[0].fileId}/hello.txt`);
      expect(await download.text()).toBe('hello world');

      const none = await fetch(`${sb.url}/files/upload`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${key}` },
        body: new FormData(),
      });
      expect(none.status).toBe(400);
      const noAuth = await fetch(`${sb.url}/files/upload`, { method: 'POST', body: form });
      expect(noAuth.status).toBe(401);
      const task = await call(sb, '/start/run-task', key, {
        task: { prompt: 'summarise the upload', files: [body.files[0].fileId] },
      });
      expect(task.body.type).toBe('task_completed');
    } finally {
      await sb.close();
    }
  });
});
