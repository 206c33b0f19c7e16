// Spend grouped for invoicing (issue 25): by environment, batch (by its name), tag and template,
// on a real SQLite history. A group whose costs are all unknown is unknown, never $0; a group
// with some unknown costs counts them beside its known sum.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TaskStatus } from '../../src-main/contract/schemas';
import { BatchStore } from '../../src-main/core/batches/batch-store';
import { HistoryStore } from '../../src-main/core/history/history-store';
import { openStore } from '../../src-main/core/store/open-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';
import { tempDir } from '../helpers/temp';

const T0 = Date.UTC(2026, 10, 1);
let cleanup: () => void;
let history: HistoryStore;
let tasks: TaskStore;
let batches: BatchStore;
let n = 0;

beforeEach(() => {
  const t = tempDir();
  cleanup = t.cleanup;
  const { db } = openStore(join(t.dir, 'groups.db'));
  history = new HistoryStore(db);
  tasks = new TaskStore(db);
  batches = new BatchStore(db);
  n = 0;
});
afterEach(() => cleanup());

function task(
  o: {
    cost?: number | null;
    status?: TaskStatus;
    env?: string;
    tags?: string[];
    at?: number;
    template?: string;
  } = {},
): string {
  const id = `t${++n}`;
  tasks.create({
    id,
    prompt: `task ${n}`,
    startingUrl: null,
    createdAt: o.at ?? T0 + n,
    tags: o.tags ?? [],
    environmentId: o.env ?? null,
    template: o.template ?? null,
  });
  const usage =
    o.cost === undefined || o.cost === null
      ? null
      : { promptTokens: 1, completionTokens: 1, totalTokens: 2, completionTime: 1, cost: o.cost };
  tasks.update(id, { status: o.status ?? 'completed', usage });
  return id;
}

function batch(id: string, name: string, prompt: string, taskIds: string[]): void {
  batches.create(
    {
      id,
      name,
      createdAt: T0,
      state: 'finished',
      reason: null,
      template: {
        prompt,
        startingUrl: null,
        options: {},
        mode: 'oneshot',
        rowsPerSession: 1,
        costCap: null,
        environmentId: null,
        tags: [],
        priority: 0,
      },
      templateKey: `key-${prompt}`,
      columns: ['shop'],
      concurrency: 2,
      budget: null,
      retryOf: null,
    },
    taskIds.map((_, i) => ({ line: i + 2, input: { shop: `s${i}` }, skipped: false })),
  );
  taskIds.forEach((taskId, i) => batches.markSent(id, i, taskId, T0));
}

const range = (by: 'environment' | 'batch' | 'tag' | 'template') =>
  history.spendGroupedBy(by, T0, T0 + 86_400_000);

describe('spend grouped for invoicing', () => {
  it('sums known costs per environment and keeps an all-unknown group unknown, not $0', () => {
    task({ cost: 0.25, env: 'env-acme' });
    task({ cost: 0.5, env: 'env-acme' });
    task({ cost: null, status: 'failed', env: 'env-acme' });
    task({ cost: null, status: 'completed', env: 'env-beta' });
    task({ cost: 0.1 });
    const groups = range('environment');
    expect(groups).toEqual([
      { key: 'env-acme', label: 'env-acme', cost: 0.75, tasks: 3, unknownCost: 1 },
      { key: 'env-beta', label: 'env-beta', cost: null, tasks: 1, unknownCost: 1 },
      { key: null, label: null, cost: 0.1, tasks: 1, unknownCost: 0 },
    ]);
  });

  it('leaves out tasks that were never sent (queued, cancelled without a cost)', () => {
    task({ cost: null, status: 'queued', env: 'e' });
    task({ cost: null, status: 'cancelled', env: 'e' });
    expect(range('environment')).toEqual([]);
    // A cancelled task that did cost something still counts.
    task({ cost: 0.2, status: 'cancelled', env: 'e' });
    expect(range('environment')).toEqual([
      { key: 'e', label: 'e', cost: 0.2, tasks: 1, unknownCost: 0 },
    ]);
  });

  it('names a batch by its name and a template by its prompt text, ungrouped tasks last', () => {
    const a = [task({ cost: 0.3 }), task({ cost: null, status: 'failed' })];
    const b = [task({ cost: 0.1 })];
    const c = [task({ cost: 0.05 })];
    task({ cost: 0.9 });
    batch('b1', 'Acme prices', 'Price of {{product}} on {{shop}}', a);
    batch('b2', 'Beta stock', 'Stock of {{product}}', b);
    batch('b3', 'Acme prices again', 'Price of {{product}} on {{shop}}', c);
    expect(range('batch')).toEqual([
      { key: 'b1', label: 'Acme prices', cost: 0.3, tasks: 2, unknownCost: 1 },
      { key: 'b2', label: 'Beta stock', cost: 0.1, tasks: 1, unknownCost: 0 },
      { key: 'b3', label: 'Acme prices again', cost: 0.05, tasks: 1, unknownCost: 0 },
      { key: null, label: null, cost: 0.9, tasks: 1, unknownCost: 0 },
    ]);
    const templates = range('template');
    expect(templates.map((g) => [g.label, g.tasks, g.unknownCost])).toEqual([
      ['Price of {{product}} on {{shop}}', 3, 1],
      ['Stock of {{product}}', 1, 0],
      [null, 1, 0],
    ]);
    expect(templates[0]!.cost).toBeCloseTo(0.35, 9);
  });

  it('counts a task under each of its tags, untagged ones under null, sums without float residue', () => {
    for (let i = 0; i < 10; i++) task({ cost: 0.1, tags: ['acme', 'invoice'] });
    task({ cost: null, status: 'stopped', tags: ['acme'] });
    task({ cost: 0.2 });
    expect(range('tag')).toEqual([
      { key: 'acme', label: 'acme', cost: 1, tasks: 11, unknownCost: 1 },
      { key: 'invoice', label: 'invoice', cost: 1, tasks: 10, unknownCost: 0 },
      { key: null, label: null, cost: 0.2, tasks: 1, unknownCost: 0 },
    ]);
  });

  it('groups by the saved template a task was made from, beside batch templates', () => {
    task({ cost: 0.2, template: 'Acme invoices' });
    task({ cost: null, status: 'failed', template: 'Acme invoices' });
    task({ cost: null, status: 'completed', template: 'Beta report' });
    // A saved template named like a batch template's prompt is still its own group.
    task({ cost: 0.4, template: 'Stock of {{product}}' });
    batch('b1', 'Beta stock', 'Stock of {{product}}', [task({ cost: 0.1 })]);
    task({ cost: 0.05 });
    expect(range('template')).toEqual([
      {
        key: 'saved:Stock of {{product}}',
        label: 'Stock of {{product}}',
        cost: 0.4,
        tasks: 1,
        unknownCost: 0,
      },
      { key: 'saved:Acme invoices', label: 'Acme invoices', cost: 0.2, tasks: 2, unknownCost: 1 },
      {
        key: 'batch:key-Stock of {{product}}',
        label: 'Stock of {{product}}',
        cost: 0.1,
        tasks: 1,
        unknownCost: 0,
      },
      { key: 'saved:Beta report', label: 'Beta report', cost: null, tasks: 1, unknownCost: 1 },
      { key: null, label: null, cost: 0.05, tasks: 1, unknownCost: 0 },
    ]);
  });

  it("names a batch's own tag (batch-<id>) by the batch's name", () => {
    const a = [task({ cost: 0.3, tags: ['batch-b1'] })];
    batch('b1', 'Acme prices', 'Price of {{product}}', a);
    expect(range('tag')).toEqual([
      { key: 'batch-b1', label: 'Batch: Acme prices', cost: 0.3, tasks: 1, unknownCost: 0 },
    ]);
  });

  it('counts only tasks created in the range', () => {
    task({ cost: 1, env: 'e', at: T0 - 1 });
    task({ cost: 2, env: 'e', at: T0 + 86_400_000 });
    task({ cost: 3, env: 'e', at: T0 });
    expect(range('environment')).toEqual([
      { key: 'e', label: 'e', cost: 3, tasks: 1, unknownCost: 0 },
    ]);
  });
});
