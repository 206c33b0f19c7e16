// Watches end to end on a real desk and its sandbox: the sandbox's [drift] and [noise]
// directives make a structured answer vary between runs; the watch that follows a drifting
// price raises a material-change alert on its second run, the one that sees only a noisy
// timestamp raises nothing, and both runs pass their checks.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WatchInput, type WatchAlert } from '../../src-main/contract/watches';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { tempDir } from '../helpers/temp';

const t = tempDir('webrun-watch-sandbox-');
const dbPath = join(t.dir, 'history.db');
let desk: Desk;
const alerts: Omit<WatchAlert, 'id'>[] = [];

beforeAll(async () => {
  desk = await createDesk({
    dbPath,
    host: 'browser',
    sandbox: { timeScale: 0.01, rateLimit: null },
    rateLimit: null,
  });
  desk.watches.onAlert((a) => alerts.push(a));
});
afterAll(async () => {
  await desk.close();
  t.cleanup();
});

const watchOf = (name: string, directives: string) => ({
  name,
  template: {
    prompt: `Price of the kettle ${directives} [duration:3s]`,
    options: {
      outputType: 'structured_json' as const,
      outputSchema: {
        type: 'object',
        properties: { price: { type: 'number' }, updatedAt: { type: 'string' } },
      },
    },
  },
  schedule: { kind: 'every' as const, interval: '1h' },
  checks: [{ kind: 'schema' as const }, { kind: 'present' as const, path: 'updatedAt' }],
  change: { ignorePaths: ['updatedAt'] },
});

/** Every (hourly) watch came due a minute ago; its last occurrence was handled before that. */
function anHourPasses(): void {
  const db = new Database(dbPath);
  const now = Date.now();
  db.prepare('UPDATE watches SET anchor_at = ?, handled_until = ?').run(
    now - 3_660_000,
    now - 120_000,
  );
  db.close();
}

describe('watches on the sandbox', () => {
  it('alert on a drifting price, stay silent on a noisy timestamp', async () => {
    const drifting = desk.watches.add(watchOf('Drifting', '[drift:price:5] [noise:updatedAt]'));
    const noisy = desk.watches.add(watchOf('Noisy', '[noise:updatedAt]'));
    for (let run = 0; run < 2; run += 1) {
      anHourPasses();
      const { sent } = desk.watches.scheduler.pass();
      expect(sent.map((s) => s.state)).toEqual(['sent', 'sent']);
      for (const s of sent) expect((await desk.waitForSettled(s.taskId)).status).toBe('completed');
      expect(desk.watches.scheduler.evaluate()).toBe(2);
    }
    expect(alerts.map((a) => [a.watchId, a.kind])).toEqual([[drifting.id, 'material_change']]);
    expect(desk.watches.store.verdicts(drifting.id)).toEqual(['pass', 'pass']);
    expect(desk.watches.store.verdicts(noisy.id)).toEqual(['pass', 'pass']);
    const [last, first] = desk.watches.store.runs(drifting.id).map((r) => r.taskId!);
    const comparison = desk.watches.compare(first!, last!);
    expect(comparison.output).toMatchObject({ kind: 'keys' });
    const paths = (comparison.output as { changes: { path: string }[] }).changes.map((c) => c.path);
    expect(paths.sort()).toEqual(['price', 'updatedAt']);
  });

  it('run now sends outside the schedule; its alerts wait in the inbox until dismissed', async () => {
    const h = desk.handlers;
    const watch = await h['watches.create'](
      WatchInput.parse(watchOf('Run now', '[drift:price:2]')),
    );
    const before = alerts.length;
    for (let run = 0; run < 2; run += 1) {
      const { taskId } = await h['watches.runNow']({ id: watch.id });
      expect((await desk.waitForSettled(taskId)).status).toBe('completed');
      desk.watches.scheduler.evaluate();
    }
    expect(alerts.slice(before).map((a) => a.kind)).toEqual(['material_change']);
    const listed = (await h['watches.list']({})).find((w) => w.id === watch.id)!;
    expect(listed.lastRun).toMatchObject({
      taskStatus: 'completed',
      verdict: 'pass',
      material: true,
    });
    const inbox = (await h['watches.alerts']({})).filter((a) => a.watchId === watch.id);
    expect(inbox).toMatchObject([{ kind: 'material_change', watchName: 'Run now' }]);
    await h['watches.dismissAlert']({ id: inbox[0]!.id });
    expect((await h['watches.alerts']({})).some((a) => a.watchId === watch.id)).toBe(false);
    // Still in the watch's own list.
    expect((await h['watches.get']({ id: watch.id })).alerts).toHaveLength(1);
    await expect((async () => h['watches.dismissAlert']({ id: 999_999 }))()).rejects.toThrow(
      /gone/,
    );
    await h['watches.pause']({ id: watch.id });
    await expect((async () => h['watches.runNow']({ id: watch.id }))()).rejects.toThrow(
      /paused: resume it/,
    );
  });

  it('preview says a bad cron expression in words, and a good one with its next runs', async () => {
    const bad = await desk.handlers['watches.preview']({
      kind: 'cron',
      cron: '61 * * *',
      timezone: 'UTC',
    });
    expect(bad.error).toMatch(/\S/);
    const good = await desk.handlers['watches.preview']({
      kind: 'preset',
      preset: 'daily',
      at: '09:30',
      timezone: 'Europe/Paris',
    });
    expect(good).toMatchObject({ error: null, text: expect.stringContaining('09:30') });
    expect(good.nextRuns).toHaveLength(3);
  });

  it('refuses a check whose JSON Schema does not compile, saying so, and keeps nothing', async () => {
    const count = desk.watches.list().length;
    const input = {
      ...watchOf('Bad schema', ''),
      checks: [{ kind: 'schema' as const, schema: { type: 'nope' } }],
    };
    await expect(
      (async () => desk.handlers['watches.create'](WatchInput.parse(input)))(),
    ).rejects.toThrow(/JSON Schema is not valid/);
    expect(desk.watches.list()).toHaveLength(count);
  });
});
