// Trigger runs in the local history, end to end on a real SQLite file and the sandbox over
// HTTP: a trigger fires three times on the sandbox clock, its runs are imported once each
// however often the app looks, counted in spend and budgets, filtered in history; runs that
// happen while the app is closed come in at the next start; a budget cap reached by trigger
// runs pauses the triggers the user chose to cap, through WebRun's pause endpoint.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { WebRunClient } from '../../src-main/core/webrun/client';
import { TriggersClient } from '../../src-main/core/webrun/triggers-client';
import { tempDir } from '../helpers/temp';

const t = tempDir();
let sb: SandboxHandle;
beforeAll(async () => {
  sb = await startSandbox({ timeScale: 0.001, rateLimit: null });
});
afterAll(async () => {
  await sb.close();
  t.cleanup();
});

let n = 0;
function open(db: string, apiKey: string): Promise<Desk> {
  // A long interval: these tests decide when the app looks (except the look at start).
  return createDesk({
    dbPath: join(t.dir, db),
    apiKey,
    baseUrl: sb.url,
    host: 'browser',
    importIntervalMs: 3_600_000,
    rateLimit: null,
  });
}

async function until<T>(
  read: () => Promise<T> | T,
  done: (value: T) => boolean,
  what: string,
): Promise<T> {
  for (let i = 0; i < 1500; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Five simulated minutes apart by default: 300 real ms at this time scale. */
async function scheduled(desk: Desk, name: string, interval = '5m') {
  const env = await desk.handlers['environments.create']({ name: `${name} env` });
  const prompt = 'Check the price of the blue kettle [duration:5s]';
  const trigger = await desk.handlers['triggers.create']({
    name,
    environmentId: env.id,
    prompt,
    scheduleType: 'every',
    scheduleInterval: interval,
  });
  return { env, trigger };
}

const finishedRuns = async (desk: Desk, id: string) =>
  (await desk.handlers['triggers.runs']({ id, page: 1 })).runs.filter(
    (r) => r.status === 'completed' || r.status === 'failed',
  );

/**
 * After a pause, the runs that happened: it waits until none is still running, since a run the
 * sandbox clock started just before the pause (a busy machine may pause late) ends after it.
 */
const settledRuns = async (desk: Desk, id: string) =>
  (
    await until(
      () => desk.handlers['triggers.runs']({ id, page: 1 }),
      (page) => page.runs.every((r) => r.status === 'completed' || r.status === 'failed'),
      'no run still running',
    )
  ).runs;

describe('trigger runs in the history', () => {
  it('imports a trigger’s runs (three or more) once each, counts them in spend, and filters history by trigger', async () => {
    const desk = await open('three.db', `wr_hist_${++n}`);
    try {
      // 600 real ms apart, so the trigger is paused well before a fourth run.
      const { env, trigger } = await scheduled(desk, 'Kettle price', '10m');
      expect(trigger.scheduleText).toBe('every 10 minutes');
      await until(
        () => finishedRuns(desk, trigger.id),
        (runs) => runs.length >= 3,
        'three runs',
      );
      await desk.handlers['triggers.pause']({ id: trigger.id });
      // Usually three; a busy machine may pause after a fourth started. Counted, not assumed.
      const runs = await settledRuns(desk, trigger.id);
      const count = runs.length;
      expect(count).toBeGreaterThanOrEqual(3);
      expect(runs.every((r) => r.status === 'completed')).toBe(true);

      const first = await desk.handlers['triggers.importRuns']({});
      expect(first).toEqual({ imported: count, failed: [] });
      const second = await desk.handlers['triggers.importRuns']({});
      expect(second).toEqual({ imported: 0, failed: [] });

      const history = await desk.handlers['history.list']({
        filter: { triggerId: trigger.id },
        limit: 50,
      });
      expect(history.tasks).toHaveLength(count);
      for (const task of history.tasks) {
        expect(task).toMatchObject({
          status: 'completed',
          triggerId: trigger.id,
          environmentId: env.id,
          prompt: trigger.prompt,
          costSource: 'reported',
        });
        expect(task.usage?.cost).toBeGreaterThan(0);
        expect(task.resultMessage).toBeTruthy();
        const details = await desk.handlers['tasks.details']({ id: task.id });
        expect(details.networkStored).toBeGreaterThan(0);
      }
      // Another filter leaves them out; the whole history has them (and nothing else here).
      expect(
        (await desk.handlers['history.list']({ filter: { triggerId: 'other' }, limit: 50 })).tasks,
      ).toHaveLength(0);
      expect((await desk.handlers['history.list']({ filter: {}, limit: 50 })).tasks).toHaveLength(
        count,
      );

      const total = history.tasks.reduce((sum, task) => sum + (task.usage?.cost ?? 0), 0);
      const spend = await desk.handlers['spend.summary']({ tzOffsetMinutes: 0, days: 30 });
      expect(spend.budget.today).toBeCloseTo(total, 6);
      expect(spend.byTag.find((b) => b.tag === 'trigger')).toMatchObject({ tasks: count });
      // The runs list shows each run's cost, from the imported task.
      const listed = await desk.handlers['triggers.get']({ id: trigger.id });
      expect(listed.runs.every((r) => r.taskId !== null && r.cost !== null && r.cost > 0)).toBe(
        true,
      );
    } finally {
      await desk.close();
    }
  });

  it('imports at the next start the runs that happened while the app was closed', async () => {
    const key = `wr_hist_${++n}`;
    const first = await open('closed.db', key);
    const { trigger } = await scheduled(first, 'While closed');
    await first.close();

    // The app is closed; WebRun keeps running the trigger.
    const remote = new TriggersClient(new WebRunClient({ baseUrl: sb.url, apiKey: key }));
    await until(
      () => remote.runs(trigger.id),
      (p) => p.runs.filter((r) => r.status === 'completed').length >= 2,
      'runs while closed',
    );
    await remote.pause(trigger.id);
    const happened = (
      await until(
        () => remote.runs(trigger.id),
        (p) => p.runs.every((r) => r.status === 'completed' || r.status === 'failed'),
        'no run still running',
      )
    ).runs.filter((r) => r.status === 'completed').length;

    const next = await open('closed.db', key);
    try {
      await next.startupImport;
      const tasks = (
        await next.handlers['history.list']({ filter: { triggerId: trigger.id }, limit: 50 })
      ).tasks;
      expect(tasks).toHaveLength(happened);
      expect(new Set(tasks.map((task) => task.id)).size).toBe(happened);
    } finally {
      await next.close();
    }
  });

  it('pauses the capped triggers, not the others, at WebRun when trigger runs reach a budget cap', async () => {
    const desk = await open('budget.db', `wr_hist_${++n}`);
    try {
      const capped = await scheduled(desk, 'Capped');
      const free = await scheduled(desk, 'Not capped');
      expect(
        (await desk.handlers['triggers.setBudgetCap']({ id: capped.trigger.id, capped: true }))
          .budgetCapped,
      ).toBe(true);
      await desk.handlers['settings.update']({ budget: { dailyCap: 0.000001 } });
      await until(
        () => finishedRuns(desk, capped.trigger.id),
        (runs) => runs.length >= 1,
        'a paid run',
      );

      await desk.handlers['triggers.importRuns']({});
      const after = await desk.handlers['triggers.list']({});
      const cappedNow = after.find((x) => x.id === capped.trigger.id)!;
      expect(cappedNow.status).toBe('paused');
      expect(cappedNow.pausedReason).toMatch(
        /^Paused by WebRun Desk: The daily budget of \$0\.000001 is reached/,
      );
      expect(after.find((x) => x.id === free.trigger.id)!.status).toBe('active');
      await desk.handlers['triggers.pause']({ id: free.trigger.id });
      // Resuming is the user's call, and forgets the app's reason.
      await desk.handlers['settings.update']({ budget: { dailyCap: null } });
      const resumed = await desk.handlers['triggers.resume']({ id: capped.trigger.id });
      expect(resumed).toMatchObject({ status: 'active', pausedReason: null });
      await desk.handlers['triggers.pause']({ id: capped.trigger.id });
    } finally {
      await desk.close();
    }
  });

  it('flags an auto-paused trigger with its reason', async () => {
    const desk = await open('auto.db', `wr_hist_${++n}`);
    try {
      const env = await desk.handlers['environments.create']({ name: 'failing' });
      const trigger = await desk.handlers['triggers.create']({
        name: 'Broken page',
        environmentId: env.id,
        prompt: 'Open it [fail:PAGE_CRASH] [duration:5s]',
        scheduleType: 'every',
        scheduleInterval: '5m',
        maxConsecutiveFailures: 2,
      });
      const paused = await until(
        () => desk.handlers['triggers.get']({ id: trigger.id }),
        (g) => g.trigger.status === 'paused',
        'the auto-pause',
      );
      expect(paused.trigger).toMatchObject({
        consecutiveFailures: 2,
        pausedReason: 'Paused automatically after 2 consecutive failures',
      });
      await desk.handlers['triggers.importRuns']({});
      const failed = (
        await desk.handlers['history.list']({ filter: { triggerId: trigger.id }, limit: 10 })
      ).tasks;
      expect(failed.map((task) => task.status)).toEqual(['failed', 'failed']);
      expect(failed[0]!.error).toMatchObject({ code: 'PAGE_CRASH' });
    } finally {
      await desk.close();
    }
  });
});
