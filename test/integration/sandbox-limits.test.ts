// Sandbox session limits, balance and multipart uploads, over real HTTP against the sandbox.
import { describe, expect, it } from 'vitest';
import { startSandbox } from '../../src-main/sandbox/index.ts';
import { call, freshKey, type Json, send } from '../helpers/sandbox-session-http';

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
