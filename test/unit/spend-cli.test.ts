// `webrun-desk spend` prints how many costs each total leaves out: an unknown cost is not $0.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { spendCommand } from '../../src-main/cli/spend-command';
import { openStore } from '../../src-main/core/store/open-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';
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
  expect(out).toMatch(/^Today\s+\$0\.25 \+ 1 task of unknown cost$/m);
  expect(out).toMatch(/^This week\s+\$0\.25 \+ 1 task of unknown cost$/m);
  expect(out).toMatch(/^\s+unknown\s+\$0\.00\s+1 tasks \+ 1 task of unknown cost$/m);
  expect(out).toMatch(/^\s+work\s+\$0\.25\s+2 tasks \+ 1 task of unknown cost$/m);

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

it('--by groups the days for an invoice: unknown kept unknown, formulas escaped, as text, CSV and JSON', async () => {
  const path = join(t.dir, 'groups.db');
  const now = new Date(2026, 5, 17, 12).getTime();
  const { db } = openStore(path);
  const tasks = new TaskStore(db, () => now);
  for (const [id, cost, tags] of [
    ['a', 0.25, ['acme']],
    ['b', null, ['acme']],
    ['c', 0.5, ['=cmd']],
  ] as const) {
    tasks.create({ id, prompt: id, startingUrl: null, createdAt: now - 1_000, tags: [...tags] });
    tasks.update(id, {
      status: 'completed',
      usage:
        cost === null
          ? null
          : { promptTokens: 1, completionTokens: 1, totalTokens: 2, completionTime: 1, cost },
    });
  }
  tasks.create({
    id: 'd',
    prompt: 'only unknown',
    startingUrl: null,
    createdAt: now - 1_000,
    tags: ['beta'],
  });
  tasks.update('d', { status: 'failed' });
  db.close();

  vi.useFakeTimers({ toFake: ['Date'], now });
  let out = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  expect(await spendCommand(['--by', 'tag', '--db', path])).toBe(0);
  expect(out).toMatch(/^Spend by tag, 2026-05-19 to 2026-06-17$/m);
  expect(out).toMatch(/^\s+=cmd\s+1 tasks\s+\$0\.50$/m);
  expect(out).toMatch(/^\s+acme\s+2 tasks\s+\$0\.25 \+ 1 unknown$/m);
  expect(out).toMatch(/^\s+beta\s+1 tasks\s+unknown$/m);
  expect(out).not.toMatch(/beta.*\$0\.00/);

  out = '';
  expect(await spendCommand(['--by', 'tag', '--csv', '--db', path])).toBe(0);
  const lines = out.trim().split('\n');
  expect(lines[0]).toBe('Tag,Id,From,To,Tasks,Known cost,Tasks of unknown cost,Cost');
  expect(lines).toContain('"\'=cmd",,2026-05-19,2026-06-17,1,0.5,0,$0.50');
  expect(lines).toContain('beta,,2026-05-19,2026-06-17,1,,1,unknown');

  out = '';
  expect(await spendCommand(['--by', 'tag', '--json', '--db', path])).toBe(0);
  const json = JSON.parse(out) as { by: string; groups: { key: string; cost: number | null }[] };
  expect(json.by).toBe('tag');
  expect(json.groups.find((g) => g.key === 'beta')!.cost).toBeNull();

  await expect(spendCommand(['--by', 'client', '--db', path])).rejects.toThrow(
    '--by must be one of environment, batch, tag, template, not "client"',
  );
  await expect(spendCommand(['--csv', '--db', path])).rejects.toThrow('--csv needs --by');
});
