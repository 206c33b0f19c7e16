// The watch scheduler on a fake clock and a real SQLite file: due runs go through the task
// creator and are marked with their watch; runs missed while no desk ran are listed and caught
// up once or skipped, per watch; a budget cap pauses watches; a restart (a new scheduler on the
// same file) neither repeats nor loses an occurrence; ended runs get verdicts and alerts.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { chainTimers } from '../../src-main/contract/timers';
import { WatchInput, type WatchAlert } from '../../src-main/contract/watches';
import { HistoryStore } from '../../src-main/core/history/history-store';
import { openStore } from '../../src-main/core/store/open-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';
import { RunSnapshots } from '../../src-main/core/watches/run-snapshots';
import { WatchScheduler } from '../../src-main/core/watches/watch-scheduler';
import {
  checkWatchSchedule,
  describeWatchSchedule,
  GRACE_MS,
  nextRunAt,
  occurrencesBetween,
  planDue,
  toSchedule,
} from '../../src-main/core/watches/watch-schedule';
import { WatchStore } from '../../src-main/core/watches/watch-store';
import { tempDir } from '../helpers/temp';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 11, 7, 8, 30);

let dir: { dir: string; cleanup: () => void };
let opened: ReturnType<typeof openStore>[] = [];
let schedulers: WatchScheduler[] = [];

beforeEach(() => {
  vi.useFakeTimers({ now: T0 });
  dir = tempDir();
});
afterEach(() => {
  schedulers.forEach((s) => s.stop());
  opened.forEach((o) => o.db.close());
  schedulers = [];
  opened = [];
  dir.cleanup();
  vi.useRealTimers();
});

/** One desk on the history file: its stores and a scheduler (not started). */
function desk(o: { blocker?: () => string | null } = {}) {
  const db = openStore(join(dir.dir, 'h.db')).db;
  opened.push({ db } as ReturnType<typeof openStore>);
  const tasks = new TaskStore(db, () => Date.now());
  const store = new WatchStore(db);
  const alerts: Omit<WatchAlert, 'id'>[] = [];
  const created: string[] = [];
  const logs: string[] = [];
  const scheduler = new WatchScheduler({
    db,
    store,
    snapshots: new RunSnapshots(db, tasks),
    createTask: (input) => {
      const task = tasks.create({
        id: `task-${Date.now()}-${created.length}-${Math.random().toString(36).slice(2, 6)}`,
        prompt: input.prompt,
        startingUrl: input.startingUrl ?? null,
        createdAt: Date.now(),
        options: input.options,
      });
      created.push(task.id);
      return task;
    },
    budgetBlocker: o.blocker ?? (() => null),
    now: () => Date.now(),
    timers: chainTimers(
      (fn, ms) => setTimeout(fn, ms),
      (h: ReturnType<typeof setTimeout>) => clearTimeout(h),
    ),
    log: (line) => logs.push(line),
    onAlert: (a) => alerts.push(a),
  });
  schedulers.push(scheduler);
  return { db, tasks, store, scheduler, alerts, created, logs };
}

const hourly = (over: Partial<WatchInput> = {}) =>
  WatchInput.parse({
    name: 'Kettle price',
    template: {
      prompt: 'Price of the kettle at {{shop}}',
      options: { outputType: 'structured_json', outputSchema: { type: 'object' } },
    },
    values: { shop: 'shop.example' },
    schedule: { kind: 'preset', preset: 'hourly', at: '00:00' },
    checks: [{ kind: 'number', path: 'price', max: 30 }],
    change: { watch: ['price'] },
    ...over,
  });

const finish = (tasks: TaskStore, id: string, price: number, status = 'completed' as const) =>
  tasks.update(id, {
    status,
    resultMessage: JSON.stringify({ price, seen: Date.now() }),
    endedAt: Date.now(),
  });

describe('the watch scheduler', () => {
  it('runs each hourly occurrence once, as a task marked with its watch, with the filled prompt', async () => {
    const d = desk();
    const watch = d.store.create('w1', hourly(), Date.now());
    d.scheduler.start();
    expect(d.created).toEqual([]);
    await vi.advanceTimersByTimeAsync(3 * HOUR);
    expect(d.created).toHaveLength(3);
    const marked = d.db
      .prepare('SELECT count(*) AS n FROM tasks WHERE watch_id = ?')
      .get(watch.id) as { n: number };
    expect(marked.n).toBe(3);
    expect(d.tasks.get(d.created[0]!)!.prompt).toBe('Price of the kettle at shop.example');
    // The mark reaches the task's view and the history filters by it (the History view's badge).
    expect(d.tasks.get(d.created[0]!)!.watchId).toBe(watch.id);
    d.tasks.create({ id: 'by-hand', prompt: 'Not a watch run', startingUrl: null, createdAt: 1 });
    expect(d.tasks.get('by-hand')!.watchId).toBeNull();
    const history = new HistoryStore(d.db);
    expect(history.list({ watchId: watch.id }, 10).tasks.map((t) => t.id)).toEqual(
      [...d.created].reverse(),
    );
    expect(history.list({ watchId: 'other' }, 10).tasks).toEqual([]);
    expect(history.list({}, 10).tasks).toHaveLength(4);
    expect(d.store.runs(watch.id).map((r) => [r.dueAt, r.state])).toEqual([
      [Date.UTC(2026, 11, 7, 11), 'sent'],
      [Date.UTC(2026, 11, 7, 10), 'sent'],
      [Date.UTC(2026, 11, 7, 9), 'sent'],
    ]);
  });

  it('lists runs missed while no desk ran, and catches up once', () => {
    const first = desk();
    first.store.create('w1', hourly(), Date.now());
    first.store.create('w2', hourly({ name: 'Skipper', catchUp: 'skip' }), Date.now());
    vi.setSystemTime(T0 + 5 * HOUR);
    const result = first.scheduler.pass();
    expect(result.missed).toEqual([
      { watchId: 'w1', count: 4 },
      { watchId: 'w2', count: 5 },
    ]);
    expect(result.sent.map((s) => [s.watchId, s.state])).toEqual([['w1', 'caught_up']]);
    const states = (id: string) => first.store.runs(id).map((r) => r.state);
    expect(states('w1')).toEqual(['caught_up', 'missed', 'missed', 'missed', 'missed']);
    expect(states('w2')).toEqual(Array(5).fill('missed'));
    expect(first.created).toHaveLength(1);
  });

  it('survives a restart: a new desk on the same file neither repeats nor loses an occurrence', async () => {
    const a = desk();
    a.store.create('w1', hourly(), Date.now());
    a.scheduler.start();
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(a.created).toHaveLength(1);
    a.scheduler.stop();
    // A second desk (another process on the history) passes over the same moment: nothing new.
    const b = desk();
    expect(b.scheduler.pass().sent).toEqual([]);
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    // 10:00: the next occurrence, run by the desk that is up now, once.
    b.scheduler.start();
    await vi.advanceTimersByTimeAsync(30 * 60_000);
    expect(b.created).toHaveLength(1);
    expect(b.store.runs('w1').map((r) => r.state)).toEqual(['sent', 'sent']);
  });

  it('pauses watches at a budget cap instead of sending, and counts from the resume', () => {
    let blocked: string | null = 'The daily cap of $1.00 is reached.';
    const d = desk({ blocker: () => blocked });
    d.store.create('w1', hourly(), Date.now());
    vi.setSystemTime(T0 + HOUR);
    expect(d.scheduler.pass()).toMatchObject({ paused: ['w1'], sent: [] });
    expect(d.store.get('w1')).toMatchObject({
      state: 'budget_paused',
      reason: 'Paused by WebRun Desk: The daily cap of $1.00 is reached.',
    });
    blocked = null;
    vi.setSystemTime(T0 + 3 * HOUR);
    expect(d.scheduler.pass().sent).toEqual([]);
    d.store.setState('w1', 'active', null, Date.now());
    expect(d.scheduler.pass()).toMatchObject({ sent: [], missed: [] });
    vi.setSystemTime(T0 + 4 * HOUR);
    expect(d.scheduler.pass().sent).toHaveLength(1);
    expect(d.created).toHaveLength(1);
  });

  it('gives ended runs a verdict and raises alerts for a change, a failed check and a failed run only', () => {
    const d = desk();
    d.store.create('w1', hourly(), Date.now());
    const prices = [20, 20, 21, 40];
    for (const [i, price] of prices.entries()) {
      vi.setSystemTime(T0 + (i + 1) * HOUR);
      const [sent] = d.scheduler.pass().sent;
      finish(d.tasks, sent!.taskId, price);
    }
    vi.setSystemTime(T0 + 5 * HOUR);
    const last = d.scheduler.pass().sent[0]!;
    d.tasks.update(last.taskId, { status: 'failed', endedAt: Date.now() });
    expect(d.scheduler.evaluate()).toBe(1);
    expect(d.alerts.map((a) => a.kind)).toEqual([
      'material_change',
      'check_failed',
      'material_change',
      'run_failed',
    ]);
    expect(d.store.verdicts('w1')).toEqual(['fail', 'pass', 'pass', 'pass']);
    expect(d.store.alerts({ watchId: 'w1' })).toHaveLength(4);
    // Each completed run's end is told (watch run prints it), in the order they ran.
    expect(
      d.logs.filter((l) => l.includes(' checked: ')).map((l) => l.split(' checked: ')[1]),
    ).toEqual(['pass, first run.', 'pass, unchanged.', 'pass, changed.', 'fail, changed.']);
    // A second evaluation (another process) adds nothing.
    expect(d.scheduler.evaluate()).toBe(0);
  });
});

describe('editing a watch', () => {
  it('a new schedule counts from now: the edit makes nothing past due', () => {
    const d = desk();
    d.store.create('w1', hourly(), Date.now());
    vi.setSystemTime(T0 + 20 * 60_000); // 08:50, before the 09:00 occurrence
    // Every 15 minutes from 08:30 would have made 08:45 due; counted from now, the first is 09:05.
    d.store.update('w1', hourly({ schedule: { kind: 'every', interval: '15m' } }), Date.now());
    expect(d.scheduler.pass()).toMatchObject({ sent: [], missed: [] });
    vi.setSystemTime(T0 + 35 * 60_000);
    expect(d.scheduler.pass().sent.map((s) => s.dueAt)).toEqual([T0 + 35 * 60_000]);
  });

  it('new checks keep the schedule where it was', () => {
    const d = desk();
    const before = d.store.create('w1', hourly(), Date.now());
    vi.setSystemTime(T0 + 10 * 60_000);
    const after = d.store.update('w1', hourly({ checks: [] }), Date.now())!;
    expect([after.anchorAt, after.handledUntil, after.checks]).toEqual([
      before.anchorAt,
      before.handledUntil,
      [],
    ]);
  });
});

describe('the watch scheduler when the history fails', () => {
  it('says so, keeps its timer, and runs the next occurrence once the history reads again', async () => {
    const d = desk();
    d.store.create('w1', hourly(), Date.now());
    const list = d.store.list.bind(d.store);
    let failures = 0;
    d.store.list = () => {
      if (failures < 1) {
        failures += 1;
        throw new Error('disk I/O error');
      }
      return list();
    };
    expect(d.scheduler.start()).toBeNull();
    expect(d.logs).toContain('Watches: disk I/O error');
    await vi.advanceTimersByTimeAsync(HOUR);
    expect(d.created).toHaveLength(1);
  });
});

describe('watch schedules', () => {
  it('turn presets into cron in the watch time zone', () => {
    const paris = {
      kind: 'preset',
      preset: 'daily',
      at: '09:00',
      timezone: 'Europe/Paris',
    } as const;
    expect(toSchedule(paris)).toEqual({
      scheduleType: 'cron',
      scheduleCron: '0 9 * * *',
      timezone: 'Europe/Paris',
    });
    // 09:00 in Paris in December is 08:00 UTC.
    expect(nextRunAt(paris, T0, T0)).toBe(Date.UTC(2026, 11, 8, 8));
    expect(describeWatchSchedule(paris)).toBe('every day at 09:00 Europe/Paris');
    const bad = checkWatchSchedule({ kind: 'cron', cron: 'every day', timezone: 'UTC' });
    expect(bad.ok).toBe(false);
  });

  it('plan: the fresh latest runs on time, stale ones are missed and caught up once or skipped', () => {
    expect(planDue([1, 2, 3], 3 + GRACE_MS, 'skip')).toEqual({
      send: { dueAt: 3, state: 'sent' },
      missed: [1, 2],
    });
    expect(planDue([1, 2, 3], 4 + GRACE_MS, 'once')).toEqual({
      send: { dueAt: 3, state: 'caught_up' },
      missed: [1, 2],
    });
    expect(planDue([1, 2, 3], 4 + GRACE_MS, 'skip')).toEqual({ send: null, missed: [1, 2, 3] });
  });

  it('list at most the latest 1,001 occurrences of a long gap, and count the rest', () => {
    const minute = { kind: 'every', interval: '1m', timezone: 'UTC' } as const;
    const gap = occurrencesBetween(minute, T0, T0 + 30 * 86_400_000, T0);
    expect(gap.times).toHaveLength(1001);
    expect(gap.dropped).toBe(30 * 1440 - 1001);
    expect(gap.times.at(-1)).toBe(T0 + 30 * 86_400_000);
  });
});
