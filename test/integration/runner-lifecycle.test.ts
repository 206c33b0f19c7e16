// The whole core against the real sandbox: every lifecycle path a user can take, driven
// through the contract's handlers exactly as the UI and the CLI drive them.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskView } from '../../src-main/contract/index';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { tempDir } from '../helpers/temp';

const KEY = 'wr_lifecycle_test';
let sandbox: SandboxHandle;
let desk: Desk;
let cleanup: () => void;
let dir: string;

async function open(
  extra: Parameters<typeof createDesk>[0]['runner'] = {},
  rateLimit?: { max: number; windowMs: number },
): Promise<Desk> {
  desk = await createDesk({
    dbPath: join(dir, 'history.db'),
    apiKey: KEY,
    baseUrl: sandbox.url,
    host: 'browser',
    rateLimit: rateLimit ?? null,
    runner: { pollIntervalMs: () => 30, healthyPollIntervalMs: 200, ...extra },
  });
  return desk;
}

beforeEach(async () => {
  const t = tempDir();
  dir = t.dir;
  cleanup = t.cleanup;
  sandbox = await startSandbox({ timeScale: 0.002, rateLimit: null, maxConcurrentSessions: 50 });
});
afterEach(async () => {
  await desk?.close();
  await sandbox.close();
  cleanup();
});

const create = (
  prompt: string,
  extra: Partial<Parameters<Desk['handlers']['tasks.create']>[0]> = {},
): Promise<TaskView> =>
  Promise.resolve(
    desk.handlers['tasks.create']({
      mode: 'oneshot',
      keepSessionOpen: false,
      priority: 0,
      tags: [],
      prompt,
      ...extra,
    }),
  );
const until = async (id: string, status: TaskView['status']): Promise<TaskView> => {
  await expect
    .poll(async () => (await desk.handlers['tasks.get']({ id })).status, {
      timeout: 10_000,
      interval: 10,
    })
    .toBe(status);
  return desk.handlers['tasks.get']({ id });
};

describe('task lifecycle against the sandbox', () => {
  it('follows a long task (pending after the 50 s window) to completion by polling, with usage samples', async () => {
    // By polling alone: with a healthy socket one confirming poll is all a short task needs.
    await open({ useSockets: false });
    // 290 s (under the 300 s maximum) is 0.48 s past the inline window at this scale: room for
    // several polls, and usage samples, on a loaded machine, where 120 s (0.14 s) was tight.
    const task = await create('Compare laptop prices [duration:290s]');
    const done = await desk.waitForSettled(task.id);
    expect(done.status).toBe('completed');
    expect(done.remoteTaskId).toBeTruthy();
    const details = await desk.handlers['tasks.details']({ id: task.id });
    expect(details.samples.length).toBeGreaterThanOrEqual(2);
    const costs = details.samples.map((s) => s.cost!);
    expect([...costs].sort((a, b) => a - b)).toEqual(costs); // cost only grows
    expect(details.network.length).toBeGreaterThan(0);
    expect(sandbox.submittedTasks(KEY)).toBe(1);
  });

  it('asks the question, takes the answer, and finishes the same remote task', async () => {
    await open();
    const task = await create(
      'Log in to the portal [guardrail:I need login credentials] [duration:60s]',
    );
    const asking = await desk.waitForSettled(task.id);
    expect(asking).toMatchObject({ status: 'needs_input', question: 'I need login credentials' });
    expect(await desk.handlers['inbox.list']({})).toEqual([
      expect.objectContaining({ taskId: task.id, question: 'I need login credentials' }),
    ]);
    const remoteId = asking.remoteTaskId;
    await desk.handlers['tasks.answer']({
      id: task.id,
      answer: 'ada@example.com / correct-horse',
      by: 'app',
    });
    const done = await until(task.id, 'completed');
    expect(done.remoteTaskId).toBe(remoteId);
    expect(await desk.handlers['inbox.list']({})).toEqual([]);
    const details = await desk.handlers['tasks.details']({ id: task.id });
    expect(details.guardrails).toEqual([
      expect.objectContaining({ question: 'I need login credentials', outcome: 'answered' }),
    ]);
    expect(JSON.stringify(details)).not.toContain('correct-horse');
  });

  it('stops a task at its question', async () => {
    await open();
    const task = await create('Buy it [guardrail:Confirm the $49.99 purchase?] [duration:60s]');
    await desk.waitForSettled(task.id);
    const stopped = await desk.handlers['tasks.stop']({ id: task.id });
    expect(stopped).toMatchObject({ status: 'stopped', question: null });
    expect((await desk.handlers['tasks.details']({ id: task.id })).guardrails[0]!.outcome).toBe(
      'stopped',
    );
  });

  it.each(['NAVIGATION_TIMEOUT', 'ELEMENT_NOT_FOUND', 'PAGE_CRASH', 'TASK_TIMEOUT'])(
    'records a %s failure with its code and message',
    async (code) => {
      await open();
      const task = await create(`Open the page [fail:${code}] [duration:80s]`);
      const done = await desk.waitForSettled(task.id);
      expect(done.status).toBe('failed');
      expect(done.error!.code).toBe(code);
      expect(done.error!.message.length).toBeGreaterThan(5);
    },
  );

  it('pauses and resumes a running task, then stops another', async () => {
    await open();
    const task = await create('Slow crawl [duration:300s]');
    await until(task.id, 'running');
    expect((await desk.handlers['tasks.pause']({ id: task.id })).status).toBe('paused');
    expect((await desk.handlers['tasks.resume']({ id: task.id })).status).toBe('running');
    const stopped = await desk.handlers['tasks.stop']({ id: task.id });
    expect(stopped).toMatchObject({ status: 'stopped', error: { code: 'STOPPED' } });
  });

  it('cancels queued and running tasks, and retries one as a linked new task', async () => {
    await open();
    await desk.handlers['queue.pause']({});
    const queued = await create('Never sent');
    const cancelled = await desk.handlers['tasks.cancel']({ id: queued.id });
    expect(cancelled.status).toBe('cancelled');
    await desk.handlers['queue.resume']({});
    const running = await create('Long one [duration:300s]');
    await until(running.id, 'running');
    expect((await desk.handlers['tasks.cancel']({ id: running.id })).status).toBe('cancelled');
    const retry = await desk.handlers['tasks.retry']({ id: running.id });
    expect(retry).toMatchObject({ retryOf: running.id, prompt: 'Long one [duration:300s]' });
    expect(sandbox.submittedTasks(KEY)).toBe(1 + (retry.status === 'queued' ? 0 : 1));
  });

  it('runs follow-ups inside one session, one at a time, and ends the session after the last', async () => {
    await open();
    const first = await create('Open the shop [duration:30s]', {
      mode: 'session',
      keepSessionOpen: true,
    });
    const firstDone = await desk.waitForSettled(first.id);
    const sessionId = firstDone.sessionId!;
    expect((await desk.handlers['sessions.list']({}))[0]).toMatchObject({
      id: sessionId,
      status: 'open',
    });
    const a = await create('Search for shoes [duration:30s]', { sessionId });
    const b = await create('Add the first to the cart [duration:30s]', { sessionId });
    const [doneA, doneB] = await Promise.all([
      desk.waitForSettled(a.id),
      desk.waitForSettled(b.id),
    ]);
    expect(doneA.status).toBe('completed');
    expect(doneB.status).toBe('completed');
    expect(doneA.sessionId).toBe(sessionId);
    expect(doneB.startedAt!).toBeGreaterThanOrEqual(doneA.endedAt!); // never two at once
    await desk.handlers['sessions.terminate']({ id: sessionId });
    expect((await desk.handlers['sessions.list']({})).find((s) => s.id === sessionId)!.status).toBe(
      'ended',
    );
  });

  it('never runs more tasks at once than the concurrency setting', async () => {
    await open({ concurrency: () => 3 });
    const tasks = await Promise.all(
      Array.from({ length: 9 }, (_, i) => create(`Task ${i} [duration:20s]`)),
    );
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, desk.runner.activeCount())), 2);
    await Promise.all(tasks.map((t) => desk.waitForSettled(t.id)));
    clearInterval(timer);
    expect(peak).toBeLessThanOrEqual(3);
    expect(peak).toBeGreaterThan(1);
  });

  it('keeps limited requests within the rate limit instead of collecting 429s', async () => {
    await sandbox.close();
    sandbox = await startSandbox({
      timeScale: 0.002,
      rateLimit: { max: 4, windowMs: 1_000 },
      maxConcurrentSessions: 50,
    });
    await open({}, { max: 4, windowMs: 1_000 });
    const started = Date.now();
    const tasks = await Promise.all(
      Array.from({ length: 10 }, (_, i) => create(`Quick ${i} [duration:5s]`)),
    );
    const done = await Promise.all(tasks.map((t) => desk.waitForSettled(t.id)));
    expect(done.every((t) => t.status === 'completed')).toBe(true);
    // 10 submissions at 4 per second cannot all have gone in under 2 s.
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    const events = done.flatMap((t) => JSON.stringify(t));
    expect(events.join('')).not.toContain('Rate limit exceeded');
  });

  it('backs off on 503 with Retry-After and sends nothing before it has passed', async () => {
    await sandbox.close();
    sandbox = await startSandbox({ timeScale: 0.002, rateLimit: null, faults: true });
    sandbox.faults!.inject('POST /start/run-task', {
      type: 'status',
      status: 503,
      retryAfter: '1',
    });
    await open();
    const task = await create('Try later');
    const done = await desk.waitForSettled(task.id);
    expect(done.status).toBe('completed');
    const sent = (await desk.handlers['tasks.details']({ id: task.id })).events
      .filter((e) => e.toStatus === 'submitting')
      .map((e) => e.at);
    expect(sent).toHaveLength(2);
    expect(sent[1]! - sent[0]!).toBeGreaterThanOrEqual(1_000);
    expect(sandbox.submittedTasks(KEY)).toBe(1);
  });

  it('stops dispatching at the daily cap, warns at 80 %, and remembers both across a restart', async () => {
    await open();
    await desk.handlers['settings.update']({ budget: { dailyCap: 0.3 } });
    const first = await create('Pricey [cost:0.25]');
    await desk.waitForSettled(first.id);
    expect(
      (await desk.handlers['spend.summary']({ tzOffsetMinutes: 0, days: 30 })).budget,
    ).toMatchObject({ level: 'warning', today: 0.25 });
    const second = await create('Also pricey [cost:0.25]');
    await desk.waitForSettled(second.id);
    const third = await create('Must wait');
    await new Promise((r) => setTimeout(r, 200));
    expect((await desk.handlers['tasks.get']({ id: third.id })).status).toBe('queued');
    expect((await desk.handlers['queue.status']({})).blockedReason).toMatch(
      /daily budget of \$0\.30 is reached/,
    );

    await desk.close();
    await open();
    expect(
      (await desk.handlers['spend.summary']({ tzOffsetMinutes: 0, days: 30 })).budget.level,
    ).toBe('blocked');
    expect((await desk.handlers['tasks.get']({ id: third.id })).status).toBe('queued');
    await desk.handlers['settings.update']({ budget: { dailyCap: 10 } });
    expect((await desk.waitForSettled(third.id)).status).toBe('completed');
  });

  it('lists sessions left open by a crashed run as stray and terminates them in one action', async () => {
    await open();
    const task = await create('Open the shop [duration:30s]', {
      mode: 'session',
      keepSessionOpen: true,
    });
    const sessionId = (await desk.waitForSettled(task.id)).sessionId!;
    await desk.close(); // as if the app died: the session stays open at WebRun
    await open();
    const listed = await desk.handlers['sessions.list']({});
    expect(listed.find((s) => s.id === sessionId)).toMatchObject({ status: 'open', stray: true });
    expect(await desk.handlers['sessions.terminateStray']({})).toEqual({
      terminated: 1,
      failed: [],
    });
    expect(
      (await desk.handlers['sessions.list']({})).find((s) => s.id === sessionId),
    ).toMatchObject({ status: 'ended', stray: false });
  });

  it('reorders the queue: a moved task is sent first', async () => {
    await open({ concurrency: () => 1 });
    await desk.handlers['queue.pause']({});
    const a = await create('A');
    const b = await create('B');
    const c = await create('C');
    await desk.handlers['tasks.move']({ id: c.id, before: a.id });
    const order: string[] = [];
    const off = desk.subscribe((e) => {
      if (
        e.name === 'task.updated' &&
        e.payload.status === 'submitting' &&
        !order.includes(e.payload.prompt)
      )
        order.push(e.payload.prompt);
    });
    await desk.handlers['queue.resume']({});
    await Promise.all([a, b, c].map((t) => desk.waitForSettled(t.id)));
    off();
    expect(order).toEqual(['C', 'A', 'B']);
  });

  it("replays the agent's narrative and shows the page it is on", async () => {
    await open();
    const task = await create('Find the opening hours of the Louvre [duration:120s]', {
      mode: 'session',
    });
    const done = await desk.waitForSettled(task.id);
    expect(done.status).toBe('completed');
    expect(done.currentUrl).toMatch(/^https?:\/\//);
    const lines = await desk.handlers['tasks.activity']({ id: task.id, limit: 500, from: 0 });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.some((l) => l.kind === 'agent' || l.kind === 'action')).toBe(true);
    expect(lines.map((l) => l.at)).toEqual([...lines.map((l) => l.at)].sort((a, b) => a - b));
  });

  it('saves templates, uploads files, and deletes finished tasks from history (never running ones)', async () => {
    await open();
    const template = {
      name: 'Louvre hours',
      prompt: 'Find the opening hours',
      startingUrl: 'https://www.louvre.fr',
      options: {},
      mode: 'oneshot' as const,
      tags: ['travel'],
      costCap: null,
      priority: 0,
      credentials: [],
    };
    expect(await desk.handlers['templates.save'](template)).toEqual([template]);
    expect(await desk.handlers['templates.delete']({ name: 'Louvre hours' })).toEqual([]);

    const uploaded = await desk.handlers['files.upload']({
      files: [
        { name: 'brief.txt', type: 'text/plain', base64: Buffer.from('hello').toString('base64') },
      ],
    });
    expect(uploaded).toEqual([expect.objectContaining({ originalName: 'brief.txt', size: 5 })]);

    const done = await create('Quick one');
    await desk.waitForSettled(done.id);
    const running = await create('Long one [duration:300s]');
    await until(running.id, 'running');
    expect(await desk.handlers['history.delete']({ ids: [done.id, running.id] })).toEqual({
      deleted: 1,
      skipped: [running.id],
    });
    await expect(
      Promise.resolve().then(() => desk.handlers['tasks.get']({ id: done.id })),
    ).rejects.toThrow(/No task/);
    expect(
      (await desk.handlers['history.list']({ filter: { text: 'Quick' }, limit: 10 })).tasks,
    ).toEqual([]);
  });

  it('applies backend settings at the next start and says a restart is needed until then', async () => {
    await open();
    const changed = await desk.handlers['settings.update']({ backend: { generation: 'gen0' } });
    expect(changed).toMatchObject({ backend: { generation: 'gen0' }, restartRequired: true });
    await desk.close();
    await open();
    expect(await desk.handlers['settings.get']({})).toMatchObject({
      backend: { generation: 'gen0' },
      restartRequired: false,
    });
    const task = await create('Old deployment');
    expect((await desk.waitForSettled(task.id)).status).toBe('completed'); // the sandbox reads Gen0 bodies
  });

  it('sends saved site credentials read at send time, keeps only the site names, and reuses them on retry', async () => {
    await open();
    await desk.handlers['credentials.save']({
      match: 'shop.example',
      fields: { email: 'ada@example.com', password: 'pw-kept-out-of-history' },
    });
    const task = await create('Log in and check the order', { credentials: ['shop.example'] });
    expect(task.credentialSites).toEqual(['shop.example']);
    expect((await desk.waitForSettled(task.id)).status).toBe('completed');
    const retry = await desk.handlers['tasks.retry']({ id: task.id });
    expect(retry.credentialSites).toEqual(['shop.example']);
    await desk.waitForSettled(retry.id);
    // Deleted before a later run: that run fails with a reason instead of going without them.
    await desk.handlers['queue.pause']({});
    const later = await create('Check again', { credentials: ['shop.example'] });
    await desk.handlers['credentials.delete']({ match: 'shop.example' });
    await desk.handlers['queue.resume']({});
    expect(await desk.waitForSettled(later.id)).toMatchObject({
      status: 'failed',
      error: { code: 'CREDENTIALS_UNAVAILABLE' },
    });
    const details = JSON.stringify(await desk.handlers['tasks.details']({ id: task.id }));
    expect(details).not.toContain('pw-kept-out-of-history');
  });
});
