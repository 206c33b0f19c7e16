// `webrun-desk spend` prints the balance as last seen (its age, its source, simulated or not)
// and the runway at the named trailing average, with the warning under the set days; and a
// day whose spend passes twice the week's average raises one alert, once, even after a restart.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MoneyAlert } from '../../src-main/contract/index';
import { spendCommand } from '../../src-main/cli/spend-command';
import { MoneyMonitor } from '../../src-main/core/money/money-monitor';
import { MoneyStore } from '../../src-main/core/money/money-store';
import { HistoryStore } from '../../src-main/core/history/history-store';
import { openStore } from '../../src-main/core/store/open-store';
import { SettingsStore } from '../../src-main/core/settings/settings-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';
import { tempDir } from '../helpers/temp';

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir()));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  t.cleanup();
});

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = new Date(2026, 5, 17, 12).getTime();

function spent(tasks: TaskStore, id: string, at: number, cost: number | null): void {
  tasks.create({ id, prompt: id, startingUrl: null, createdAt: at });
  tasks.update(id, {
    status: 'completed',
    usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2, completionTime: 1, cost },
  });
}

describe('webrun-desk spend', () => {
  it('prints the balance with its age and source, and the runway with its warning', async () => {
    const path = join(t.dir, 'spend.db');
    const { db } = openStore(path);
    const tasks = new TaskStore(db, () => NOW);
    for (let d = 0; d < 7; d++) spent(tasks, `d${d}`, NOW - d * DAY - HOUR, 1);
    new MoneyStore(db).record({
      balance: 3.5,
      required: null,
      at: NOW - 3 * HOUR,
      source: 'start-session',
      simulated: true,
    });
    db.close();
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
    expect(await spendCommand(['--db', path])).toBe(0);
    expect(out).toMatch(/^Balance\s+\$3\.50 \(simulated\), seen 3 h ago \(start-session\)$/m);
    expect(out).toMatch(
      /^Runway\s+3\.5 days: \$3\.50 at the 7-day trailing average \(\$1\.00 a day\) lasts 3\.5 days\.$/m,
    );
    expect(out).toMatch(
      /^Warning: The balance lasts 3\.5 days at the recent pace, under the 7 days set in Settings\.$/m,
    );
    out = '';
    expect(await spendCommand(['--json', '--db', path])).toBe(0);
    expect(JSON.parse(out)).toMatchObject({
      balance: { balance: 3.5, source: 'start-session', simulated: true },
      runway: { days: 3.5, method: '7-day trailing average', warningDays: 7 },
    });
  });

  it('says when no balance has been seen yet', async () => {
    const path = join(t.dir, 'empty.db');
    openStore(path).db.close();
    let out = '';
    vi.spyOn(process.stdout, 'write').mockImplementation((c) => ((out += String(c)), true));
    expect(await spendCommand(['--db', path])).toBe(0);
    expect(out).toMatch(/^Balance\s+not seen yet$/m);
    expect(out).toMatch(/^Runway\s+none: No balance seen yet/m);
  });
});

describe('day spike alert', () => {
  it('alerts once a day whose spend passes twice the 7-day average, and not again after a restart', () => {
    const { db } = openStore(join(t.dir, 'spike.db'));
    const tasks = new TaskStore(db, () => NOW);
    for (let d = 1; d <= 7; d++) spent(tasks, `past${d}`, NOW - d * DAY, 1);
    spent(tasks, 'today-1', NOW - HOUR, 1.5);
    const alerts: MoneyAlert[] = [];
    let clock = NOW;
    const monitor = () =>
      new MoneyMonitor({
        store: new MoneyStore(db),
        history: new HistoryStore(db),
        settings: new SettingsStore(db),
        budget: () => ({
          dailyCap: null,
          monthlyCap: null,
          stopRunningAtCap: false,
          runwayWarningDays: 7,
        }),
        budgetStatus: () => {
          throw new Error('not used');
        },
        simulated: false,
        now: () => clock,
        publish: () => {},
        alert: (a) => alerts.push(a),
      });
    const first = monitor();
    first.costChanged();
    expect(alerts).toEqual([]); // $1.50 is not twice $1.00
    spent(tasks, 'today-2', NOW - HOUR / 2, 0.6);
    clock += 2_000;
    first.costChanged();
    expect(alerts.map((a) => a.kind)).toEqual(['day_spike']);
    expect(alerts[0]!.text).toMatch(
      /Spend today \(\$2\.10\) is more than twice the 7-day trailing average \(\$1\.00 a day\)/,
    );
    clock += 2_000;
    first.costChanged();
    monitor().costChanged(); // a restart: the day was alerted already
    expect(alerts).toHaveLength(1);
    db.close();
  });
});
