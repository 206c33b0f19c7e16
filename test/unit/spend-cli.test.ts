// `webrun-desk spend` prints how many costs each total leaves out: an unknown cost is not $0.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { spendCommand } from '../../src-main/cli/spend-command';
import { openStore } from '../../src-main/core/store/open-store';
import { TaskStore } from '../../src-main/core/store/task-store';
import { tempDir } from '../helpers/temp';

let t: ReturnType<typeof tempDir>;
beforeEach(() => (t = tempDir()));
afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
  t.cleanup();
});

it('shows the unknown-cost tasks beside every total, in text and JSON', async () => {
  const path = join(t.dir, 'spend.db');
  const now = new Date(2026, 5, 17, 12).getTime(); // local noon on a Wednesday: both tasks are today and this week
  const { db } = openStore(path);
  const tasks = new TaskStore(db, () => now);
  tasks.create({
    id: 'a',
    prompt: 'priced',
    startingUrl: null,
    createdAt: now - 1_000,
    tags: ['work'],
  });
  tasks.update('a', {
    status: 'completed',
    usage: { promptTokens: 1, completionTokens: 1, totalTokens: 2, completionTime: 1, cost: 0.25 },
  });
  tasks.create({
    id: 'b',
    prompt: 'lost answer',
    startingUrl: null,
    createdAt: now - 500,
    tags: ['work'],
  });
  tasks.update('b', { status: 'unknown' });
  db.close();

  vi.useFakeTimers({ toFake: ['Date'], now });
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  expect(await spendCommand(['--db', path])).toBe(0);
  expect(out).toMatch(/^Today\s+\$0\.2500 \+ 1 task of unknown cost$/m);
  expect(out).toMatch(/^This week\s+\$0\.2500 \+ 1 task of unknown cost$/m);
  expect(out).toMatch(/^\s+unknown\s+\$0\.0000\s+1 tasks \+ 1 task of unknown cost$/m);
  expect(out).toMatch(/^\s+work\s+\$0\.2500\s+2 tasks \+ 1 task of unknown cost$/m);

  out = '';
  expect(await spendCommand(['--json', '--db', path])).toBe(0);
  const summary = JSON.parse(out) as {
    unknownCost: number;
    weekUnknownCost: number;
    budget: { todayUnknownCost: number };
    byDay: { unknownCost: number }[];
  };
  expect(summary).toMatchObject({
    unknownCost: 1,
    weekUnknownCost: 1,
    budget: { todayUnknownCost: 1 },
  });
  expect(summary.byDay.reduce((n, d) => n + d.unknownCost, 0)).toBe(1);
});
