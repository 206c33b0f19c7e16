// The database check: due once a day and after an unclean shutdown, only when idle, in a worker
// thread; the real worker on real files finds a healthy database ok and a damaged one not.
import { closeSync, openSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IntegrityMonitor, integrityDue } from '../../src-main/core/integrity/integrity-monitor';
import { runIntegrityCheck, type CheckResult } from '../../src-main/core/integrity/run-check';
import { openStore } from '../../src-main/core/store/open-store';
import { SettingsStore } from '../../src-main/core/settings/settings-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';
import { tempDir } from '../helpers/temp';

const DAY = 86_400_000;
let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir()));
afterEach(() => {
  vi.useRealTimers();
  t.cleanup();
});

describe('integrityDue', () => {
  it('is due when never checked, a day after the last check, and after an unclean shutdown', () => {
    expect(integrityDue({ lastCheckAt: null, afterUncleanShutdown: false }, 0)).toBe(
      'never checked',
    );
    expect(
      integrityDue({ lastCheckAt: 1_000, afterUncleanShutdown: false }, 1_000 + DAY - 1),
    ).toBeNull();
    expect(integrityDue({ lastCheckAt: 1_000, afterUncleanShutdown: false }, 1_000 + DAY)).toBe(
      'a day since the last check',
    );
    expect(integrityDue({ lastCheckAt: 1_000, afterUncleanShutdown: true }, 2_000)).toBe(
      'the app did not close cleanly last time',
    );
  });
});

describe('IntegrityMonitor', () => {
  function setup() {
    const { db } = openStore(join(t.dir, 'm.db'));
    const settings = new SettingsStore(db);
    let idle = false;
    let clock = Date.UTC(2026, 5, 1);
    const checks: ((r: CheckResult) => void)[] = [];
    const make = () =>
      new IntegrityMonitor({
        settings,
        now: () => clock,
        idle: () => idle,
        startDelayMs: 1_000,
        pollMs: 60_000,
        check: () => ({
          result: new Promise<CheckResult>((resolve) => checks.push(resolve)),
          cancel: () => {},
        }),
      });
    return {
      db,
      make,
      checks,
      setIdle: (v: boolean) => (idle = v),
      advance: (ms: number) => (clock += ms),
    };
  }

  it('waits for idle, checks once, and not again until a day has passed', async () => {
    vi.useFakeTimers();
    const s = setup();
    const monitor = s.make();
    monitor.start();
    await vi.advanceTimersByTimeAsync(61_000);
    expect(s.checks).toHaveLength(0); // busy: nothing started
    s.setIdle(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.checks).toHaveLength(1);
    expect(monitor.status().running).toBe(true);
    s.checks[0]!({ outcome: 'ok', problems: [], durationMs: 12 });
    await vi.advanceTimersByTimeAsync(0);
    expect(monitor.status()).toMatchObject({
      state: 'ok',
      running: false,
      durationMs: 12,
      due: null,
    });
    s.advance(DAY - 120_000);
    await vi.advanceTimersByTimeAsync(10 * 60_000);
    expect(s.checks).toHaveLength(1);
    s.advance(DAY);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(s.checks).toHaveLength(2);
    monitor.close();
    s.db.close();
  });

  it('checks at the next start when the last run did not close cleanly, not after a clean close', async () => {
    vi.useFakeTimers();
    const s = setup();
    const first = s.make();
    first.start();
    s.setIdle(true);
    await vi.advanceTimersByTimeAsync(1_000);
    s.checks[0]!({ outcome: 'ok', problems: [], durationMs: 1 });
    await vi.advanceTimersByTimeAsync(0);
    first.close(); // clean
    const second = s.make();
    second.start();
    expect(second.status().due).toBeNull();
    // The second run is killed: no close, and its timers die with it. The third start owes a check at once.
    vi.clearAllTimers();
    const third = s.make();
    third.start();
    expect(third.status().due).toBe('the app did not close cleanly last time');
    await vi.advanceTimersByTimeAsync(1_000);
    expect(s.checks).toHaveLength(2);
    s.checks[1]!({ outcome: 'ok', problems: [], durationMs: 1 });
    await vi.advanceTimersByTimeAsync(0);
    expect(third.status().due).toBeNull();
    third.close();
    s.db.close();
  });
});

describe('the integrity worker', () => {
  it('finds a healthy database ok', async () => {
    const path = join(t.dir, 'healthy.db');
    const { db } = openStore(path);
    const tasks = new TaskStore(db);
    db.transaction(() => {
      for (let i = 0; i < 5_000; i++)
        tasks.create({
          id: `t${i}`,
          prompt: `a prompt that takes some room ${i} `.repeat(4),
          startingUrl: null,
          createdAt: i,
        });
    })();
    const result = await runIntegrityCheck(path).result;
    expect(result).toMatchObject({ outcome: 'ok', problems: [] });
    expect(result.durationMs).toBeGreaterThan(0);
    db.close();
  });

  it('reports damage in a corrupted file instead of calling it ok', async () => {
    const path = join(t.dir, 'damaged.db');
    const { db } = openStore(path);
    const tasks = new TaskStore(db);
    db.transaction(() => {
      for (let i = 0; i < 3_000; i++)
        tasks.create({
          id: `t${i}`,
          prompt: `prompt ${i} `.repeat(10),
          startingUrl: null,
          createdAt: i,
        });
    })();
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    // Overwrite pages in the middle of the file (past the header) with garbage.
    const fd = openSync(path, 'r+');
    const size = statSync(path).size;
    writeSync(fd, Buffer.alloc(4096 * 8, 0xa5), 0, 4096 * 8, Math.floor(size / 2 / 4096) * 4096);
    closeSync(fd);
    const result = await runIntegrityCheck(path).result;
    expect(result.outcome).not.toBe('ok');
    expect(result.problems.length).toBeGreaterThan(0);
  });
});
