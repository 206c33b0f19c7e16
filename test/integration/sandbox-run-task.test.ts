// Priority-1 behaviour of the local WebRun sandbox, over real HTTP on 127.0.0.1 with a tiny
// time scale (a 90 s task takes 90 ms).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../src-main/sandbox/index.ts';
import { call, freshKey, type Json, pollUntil, sleep } from '../helpers/sandbox-http';

describe('sandbox run-task (canonical shapes)', () => {
  let sb: SandboxHandle;
  beforeAll(async () => {
    sb = await startSandbox({ timeScale: 0.001, seed: 1 });
  });
  afterAll(async () => {
    await sb.close();
  });

  it('binds 127.0.0.1 on a free port and answers health without auth', async () => {
    expect(sb.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(sb.url).not.toMatch(/:0$/);
    const { status, body } = await call(sb, '/start/health', { key: null });
    expect(status).toBe(200);
    expect(body).toMatchObject({ success: true, status: 'healthy', instancesAvailable: true });
    expect(typeof body.instanceCount).toBe('number');
    expect(Number.isNaN(Date.parse(body.timestamp))).toBe(false);
  });

  it('rejects a missing or malformed API key with the documented 401 bodies', async () => {
    const missing = await call(sb, '/start/run-task', { key: null, body: { taskDetails: 'x' } });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual({
      success: false,
      message: 'API key required. Provide Authorization: Bearer <api_key>',
    });
    for (const bad of ['sk_live_12345', 'wr_ab', 'wr_has space', '']) {
      const res = await call(sb, '/start/run-task', { key: bad, body: { taskDetails: 'x' } });
      expect(res.status).toBe(401);
      expect(res.body).toEqual({ success: false, message: 'Invalid or revoked API key' });
    }
  });

  it.each([
    [
      'Gen0 flat',
      { taskDetails: 'Search for laptops', startingUrl: 'https://gen0.example' },
      'https://gen0.example',
    ],
    [
      'Gen1 flat with startingPoint',
      {
        environmentId: 'e1',
        taskDetails: 'Search for laptops',
        startingPoint: 'https://gen1.example',
      },
      'https://gen1.example',
    ],
    [
      'Gen1 initialTask',
      {
        mode: 'default',
        initialTask: { taskDetails: 'Search for laptops', startingPoint: 'https://gen1b.example' },
      },
      'https://gen1b.example',
    ],
    [
      'Gen2 task object',
      {
        mode: 'default',
        task: { prompt: 'Search for laptops', startingUrl: 'https://gen2.example' },
      },
      'https://gen2.example',
    ],
    [
      'Gen2 flat',
      { prompt: 'Search for laptops', startingUrl: 'https://gen2flat.example', policyId: 'pol_1' },
      'https://gen2flat.example',
    ],
  ])('accepts a %s body and completes inline', async (_name, body, startUrl) => {
    const { status, body: res } = await call(sb, '/start/run-task', { body });
    expect(status).toBe(200);
    expect(Object.keys(res).sort()).toEqual([
      'data',
      'sessionId',
      'success',
      'taskId',
      'type',
      'usage',
    ]);
    expect(res).toMatchObject({ success: true, type: 'task_completed' });
    expect(res.sessionId).toMatch(/^[0-9a-f]{12}$/);
    expect(res.taskId).toMatch(/^[0-9a-z]{12}$/);
    expect(res.data.message).toContain('Search for laptops');
    expect(Array.isArray(res.data.files)).toBe(true);
    expect(res.data.network[0].taskId).toBe(res.taskId);
    expect(res.data.network[0].urls[0].url).toBe(startUrl);
    expect(Object.keys(res.usage).sort()).toEqual([
      'completion_time',
      'completion_tokens',
      'cost',
      'prompt_tokens',
      'total_tokens',
    ]);
    expect(res.usage.total_tokens).toBe(res.usage.prompt_tokens + res.usage.completion_tokens);
    expect(res.usage.completion_time).toBeGreaterThanOrEqual(10);
    expect(res.usage.completion_time).toBeLessThanOrEqual(40);
    expect(res.usage.cost).toBeGreaterThan(0);
  });

  it.each([
    [{}, 'taskDetails is required'],
    [{ taskDetails: '' }, 'taskDetails is required'],
    [{ initialTask: { taskDetails: '   ' } }, 'taskDetails is required'],
    [{ task: {} }, 'Missing task.prompt'],
    [{ task: { prompt: '' } }, 'Missing task.prompt'],
    [{ prompt: '' }, 'Missing task.prompt'],
  ])('answers 400 for missing task text %j', async (body, message) => {
    const res = await call(sb, '/start/run-task', { body });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ success: false, message });
  });

  it('validates reachOutMode, maxDuration and JSON', async () => {
    const mode = await call(sb, '/start/run-task', {
      body: { taskDetails: 'x', reachOutMode: 'loud' },
    });
    expect(mode.status).toBe(400);
    expect(mode.body).toEqual({
      success: false,
      message: 'reachOutMode must be one of: off, guardrail_only, full',
    });
    const duration = await call(sb, '/start/run-task', {
      body: { task: { prompt: 'x', maxDuration: 5 } },
    });
    expect(duration.status).toBe(400);
    expect(duration.body).toMatchObject({
      code: 'INVALID_PARAMETER',
      message: "Invalid parameter 'maxDuration': must be at least 1000",
    });
    const res = await fetch(`${sb.url}/start/run-task`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${freshKey()}` },
      body: '{nope',
    });
    expect(res.status).toBe(400);
  });

  it('answers pending for a task longer than the inline window, then running with growing usage, then completed', async () => {
    // Its own sandbox at 0.01: the 290 s task runs 2.9 s, so the poll right after the pending
    // answer meets it running however busy the machine (at 0.001 a 90 s task left 40 ms).
    const slow = await startSandbox({ timeScale: 0.01, seed: 1 });
    try {
      await pendingThenRunning(slow);
    } finally {
      await slow.close();
    }
  });

  async function pendingThenRunning(sb: SandboxHandle): Promise<void> {
    const started = Date.now();
    const first = await call(sb, '/start/run-task', {
      body: { taskDetails: 'Slow research [duration:290s]' },
    });
    // The window is 50 s x 0.01: the response really waited.
    expect(Date.now() - started).toBeGreaterThanOrEqual(450);
    const { sessionId, taskId } = first.body;
    expect(first.body).toEqual({
      success: true,
      sessionId,
      taskId,
      status: 'pending',
      pending: true,
      pollUrl: `${sb.url}/task/${sessionId}/${taskId}`,
      message: 'Task still running. Poll GET /task/:sessionId/:taskId for result.',
    });
    const running = await call(sb, `/task/${sessionId}/${taskId}`, { key: null });
    expect(running.status).toBe(200);
    expect(running.body).toMatchObject({ success: true, sessionId, taskId, status: 'running' });
    expect(running.body.usage.completion_time).toBeGreaterThanOrEqual(50);
    expect(running.body.usage.completion_time).toBeLessThan(290);
    const done = await pollUntil(sb, sessionId, taskId, (b) => b.type === 'task_completed');
    expect(done).toMatchObject({ success: true, sessionId, taskId, type: 'task_completed' });
    expect(Number.isNaN(Date.parse(done.completedAt))).toBe(false);
    expect(done.usage.completion_time).toBe(290);
    expect(done.usage.total_tokens).toBeGreaterThan(running.body.usage.total_tokens);
    expect(done.usage.cost).toBeGreaterThan(running.body.usage.cost);
  }

  it('reports a forced failure with its documented code and message', async () => {
    const { status, body } = await call(sb, '/start/run-task', {
      body: {
        task: { prompt: 'Open it [fail:NAVIGATION_TIMEOUT]', startingUrl: 'https://down.example' },
      },
    });
    expect(status).toBe(200);
    expect(body).toMatchObject({
      success: false,
      status: 'failed',
      error: 'Navigation timeout after 30 seconds',
      code: 'NAVIGATION_TIMEOUT',
      details: { url: 'https://down.example', timeout: 30000 },
    });
    expect(body.sessionId).toBeTruthy();
    expect(body.usage.total_tokens).toBeGreaterThan(0);
    const polled = await call(sb, `/task/${body.sessionId}/${body.taskId}`, { key: null });
    expect(polled.body).toMatchObject({
      success: false,
      status: 'failed',
      code: 'NAVIGATION_TIMEOUT',
      taskId: body.taskId,
    });
  });

  it('holds a guardrail; a resume answer continues the same taskId to completion', async () => {
    const key = freshKey();
    const first = await call(sb, '/start/run-task', {
      key,
      body: { prompt: 'Log in [guardrail:I need login credentials] [duration:30s]' },
    });
    expect(first.body).toEqual({
      success: true,
      type: 'guardrail_trigger',
      data: { type: 'human_input_needed', value: 'I need login credentials' },
      sessionId: first.body.sessionId,
      taskId: first.body.taskId,
    });
    const { sessionId, taskId } = first.body;
    const waiting = await call(sb, `/task/${sessionId}/${taskId}`, { key: null });
    // The documented guardrail poll body has no ids.
    expect(waiting.body).toEqual({
      success: true,
      type: 'guardrail_trigger',
      data: { type: 'human_input_needed', value: 'I need login credentials' },
    });
    await sleep(20);
    const stillWaiting = await call(sb, `/task/${sessionId}/${taskId}`, { key: null });
    expect(stillWaiting.body.type).toBe('guardrail_trigger');
    const answer = await call(sb, '/start/send-message', {
      key,
      body: {
        sessionId,
        message: { actionType: 'guardrail', prompt: 'user: a, pass: b', newState: 'resume' },
      },
    });
    expect(answer.body).toEqual({ success: true, message: 'Message sent successfully' });
    const done = await pollUntil(sb, sessionId, taskId, (b) => b.type === 'task_completed');
    expect(done.taskId).toBe(taskId);
    expect(done.usage.completion_time).toBe(30);
  });

  it('ends a guardrailed task when the answer says stop', async () => {
    const key = freshKey();
    const first = await call(sb, '/start/run-task', {
      key,
      body: { taskDetails: 'Buy it [guardrail:Confirm purchase?] [duration:30s]' },
    });
    expect(first.body.type).toBe('guardrail_trigger');
    const { sessionId, taskId } = first.body;
    const answer = await call(sb, '/start/send-message', {
      key,
      body: {
        sessionId,
        message: { actionType: 'guardrail', taskDetails: 'no', newState: 'stop' },
      },
    });
    expect(answer.status).toBe(200);
    const polled = await call(sb, `/task/${sessionId}/${taskId}`, { key: null });
    expect(polled.body).toMatchObject({
      success: false,
      status: 'failed',
      code: 'TASK_STOPPED',
      taskId,
    });
    // run-task sessions end with their task.
    const again = await call(sb, '/start/send-message', {
      key,
      body: { sessionId, message: { actionType: 'state', newState: 'pause' } },
    });
    expect(again.status).toBe(404);
    expect(again.body.code).toBe('SESSION_NOT_FOUND');
  });

  it('answers 404 for unknown sessions and tasks', async () => {
    const done = await call(sb, '/start/run-task', { body: { taskDetails: 'quick one' } });
    const noTask = await call(sb, `/task/${done.body.sessionId}/nope`, { key: null });
    expect(noTask.status).toBe(404);
    expect(noTask.body).toEqual({
      success: false,
      message: 'Task not found',
      code: 'TASK_NOT_FOUND',
    });
    const noSession = await call(sb, '/task/000000000000/nope', { key: null });
    expect(noSession.status).toBe(404);
    expect(noSession.body).toMatchObject({ success: false, code: 'SESSION_NOT_FOUND' });
  });

  it('polls with or without auth', async () => {
    const done = await call(sb, '/start/run-task', { body: { taskDetails: 'quick one' } });
    const path = `/task/${done.body.sessionId}/${done.body.taskId}`;
    expect((await call(sb, path, { key: null })).status).toBe(200);
    expect((await call(sb, path, { key: 'enig_someone_else' })).status).toBe(200);
    expect((await call(sb, path, { key: 'garbage' })).status).toBe(200);
  });

  it('serves result files that really download', async () => {
    const { body } = await call(sb, '/start/run-task', {
      body: { taskDetails: 'Export the price list [files:2]' },
    });
    expect(body.data.files).toHaveLength(2);
    for (const file of body.data.files) {
      expect(Object.keys(file).sort()).toEqual(['downloadUrl', 'filename', 'source', 'timestamp']);
      expect(Number.isInteger(file.timestamp)).toBe(true);
      expect(file.downloadUrl.startsWith(`${sb.url}/`)).toBe(true);
      const res = await fetch(file.downloadUrl);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-disposition')).toContain(file.filename);
      const text = await res.text();
      expect(text.startsWith('rank,title,source\n')).toBe(true);
    }
    const missing = await fetch(`${sb.url}/files/download/ffffffffffffffffffffffff/x.csv`);
    expect(missing.status).toBe(404);
  });

  it('forces the final cost and network size from directives', async () => {
    const { body } = await call(sb, '/start/run-task', {
      body: { taskDetails: 'Crawl [cost:0.25] [network:40]' },
    });
    expect(body.usage.cost).toBe(0.25);
    expect(body.data.network.flatMap((n: Json) => n.urls)).toHaveLength(40);
  });

  it('counts submitted tasks per key, not refused ones', async () => {
    const key = freshKey();
    expect(sb.submittedTasks(key)).toBe(0);
    await call(sb, '/start/run-task', { key, body: { taskDetails: 'one' } });
    await call(sb, '/start/run-task', { key, body: {} });
    await call(sb, '/start/run-task', { key, body: { task: { prompt: 'two' } } });
    expect(sb.submittedTasks(key)).toBe(2);
    expect(sb.submittedTasks(freshKey())).toBe(0);
  });
});

describe('sandbox determinism', () => {
  it('gives the same result for the same seed and prompt, a different one for another seed', async () => {
    const strip = (b: Json) => ({
      message: b.data.message,
      usage: b.usage,
      urls: b.data.network.flatMap((n: Json) => n.urls.map((u: Json) => u.url)),
      files: b.data.files.map((f: Json) => f.filename),
    });
    const results: Json[] = [];
    for (const seed of [42, 42, 43]) {
      const sb = await startSandbox({ timeScale: 0.001, seed });
      try {
        const { body } = await call(sb, '/start/run-task', {
          body: { task: { prompt: 'Find laptop deals on bestbuy.com and export a csv' } },
        });
        results.push(strip(body));
      } finally {
        await sb.close();
      }
    }
    expect(results[0]?.files).toHaveLength(1);
    expect(results[1]).toEqual(results[0]);
    expect(results[2]).not.toEqual(results[0]);
  });
});
