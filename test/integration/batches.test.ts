// Batches on the whole core against the real sandbox, driven through the contract's handlers
// as the UI and the CLI drive them: a full run, structured output spread into columns, the
// budget stop, pause/resume/cancel and session mode.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BatchView, MethodInput } from '../../src-main/contract/index';
import { BatchTemplate } from '../../src-main/contract/batches';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { startSandbox, type SandboxHandle } from '../../src-main/sandbox/index';
import { tempDir } from '../helpers/temp';

const KEY = 'wr_batch_test';
let sandbox: SandboxHandle;
let desk: Desk;
let cleanup: () => void;
let dir: string;

async function open(concurrency = 5): Promise<Desk> {
  desk = await createDesk({
    dbPath: join(dir, 'history.db'),
    apiKey: KEY,
    baseUrl: sandbox.url,
    host: 'browser',
    rateLimit: null,
    runner: {
      pollIntervalMs: () => 20,
      healthyPollIntervalMs: 100,
      concurrency: () => concurrency,
    },
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

/** Resolves with the first pushed view of the batch that satisfies `done`. */
function until(id: string, done: (view: BatchView) => boolean): Promise<BatchView> {
  return new Promise((resolve) => {
    const check = (view: BatchView): void => {
      if (!done(view)) return;
      off();
      resolve(view);
    };
    const off = desk.subscribe((event) => {
      if (event.name === 'batch.updated' && event.payload.id === id) check(event.payload);
    });
    void Promise.resolve(desk.handlers['batches.get']({ id })).then(check);
  });
}

const template = (t: Partial<MethodInput<'batches.create'>['template']>) =>
  BatchTemplate.parse({ prompt: 'Find the price of {{product}} on {{shop}}', ...t });

function csv(n: number, extra = ''): string {
  const lines = ['product,shop'];
  for (let i = 0; i < n; i++) lines.push(`"Kettle ${i}${extra}",shop${i % 3}.example`);
  return lines.join('\n');
}

const create = (
  input: Partial<MethodInput<'batches.create'>> & {
    template: MethodInput<'batches.create'>['template'];
  },
) =>
  Promise.resolve(
    desk.handlers['batches.create']({
      name: '',
      skipLines: [],
      settings: { concurrency: 5, budget: null },
      source: { text: csv(3), format: 'auto' },
      ...input,
    } as never),
  );

describe('batches', () => {
  it('runs 50 rows to completion, each sent once, with one merged results table', async () => {
    await open(8);
    const batch = await create({
      template: template({ startingUrl: 'https://{{shop}}' }),
      source: { text: csv(50), format: 'auto' },
      settings: { concurrency: 8, budget: null },
    });
    expect(batch.counts).toMatchObject({ total: 50, waiting: expect.any(Number) });
    const done = await until(batch.id, (v) => v.state === 'finished');
    expect(done.counts).toMatchObject({
      total: 50,
      done: 50,
      running: 0,
      waiting: 0,
      failed: 0,
      unknown: 0,
    });
    expect(done.spent).toBeGreaterThan(0);
    expect(sandbox.submittedTasks(KEY)).toBe(50);

    const results = await desk.handlers['batches.results']({ id: batch.id });
    expect(results.rows).toHaveLength(50);
    expect(results.rows.map((r) => r.line)).toEqual(Array.from({ length: 50 }, (_, i) => i + 2));
    for (const row of results.rows) {
      expect(row.status).toBe('completed');
      expect(row.cost).toBeGreaterThan(0);
      expect(row.answer).toContain(row.input.product!);
      expect(row.durationMs).toBeGreaterThanOrEqual(0);
    }
    // Batch tasks are ordinary tasks: history finds them by the batch's tag.
    expect(desk.history.count({ tag: done.tag })).toBe(50);
    const exported = await desk.handlers['batches.export']({ id: batch.id, format: 'csv' });
    expect(exported.content.split('\r\n')[0]).toBe(
      'line,product,shop,status,cost,duration_s,answer,error,task_id',
    );
    expect(exported.content.split('\r\n')).toHaveLength(51);
  }, 60_000);

  it('spreads structured JSON output into a column per top-level schema field, nested values as JSON', async () => {
    await open();
    const schema = {
      type: 'object',
      description: 'Offer for {{product}}',
      properties: {
        price: { type: 'number' },
        seller: { type: 'string' },
        offers: {
          type: 'array',
          items: { type: 'object', properties: { shop: { type: 'string' } } },
        },
      },
    };
    const batch = await create({
      template: template({ options: { outputType: 'structured_json', outputSchema: schema } }),
    });
    await until(batch.id, (v) => v.state === 'finished');
    const results = await desk.handlers['batches.results']({ id: batch.id });
    expect(results.fields).toEqual(['price', 'seller', 'offers']);
    for (const row of results.rows) {
      expect(Number(row.fields.price)).not.toBeNaN();
      expect(typeof row.fields.seller).toBe('string');
      expect(JSON.parse(row.fields.offers!)).toEqual(
        expect.arrayContaining([expect.objectContaining({ shop: expect.any(String) })]),
      );
    }
    const json = JSON.parse(
      (await desk.handlers['batches.export']({ id: batch.id, format: 'json' })).content,
    ) as { rows: Record<string, unknown>[] };
    expect(Object.keys(json.rows[0]!)).toEqual([
      'line',
      'product',
      'shop',
      'status',
      'cost',
      'duration_s',
      'answer',
      'price',
      'seller',
      'offers',
      'error',
      'task_id',
    ]);
    // The schema's description was filled from the row; the sandbox saw the filled prompt.
    const task = await desk.handlers['tasks.get']({ id: results.rows[0]!.taskId! });
    expect(task.options.outputSchema).toMatchObject({ description: 'Offer for Kettle 0' });
  });

  it('stops sending new rows when the budget would be exceeded, and says so', async () => {
    await open();
    // Each row costs $0.25 and is capped there; $0.80 fits three rows, not four.
    const batch = await create({
      template: template({ prompt: 'Price of {{product}} on {{shop}} [cost:0.25]', costCap: 0.25 }),
      source: { text: csv(10), format: 'auto' },
      settings: { concurrency: 2, budget: 0.8 },
    });
    const stopped = await until(
      batch.id,
      (v) => v.state === 'budget_stopped' && v.counts.running === 0,
    );
    expect(stopped.counts.done + stopped.counts.failed).toBe(3);
    expect(stopped.counts.waiting).toBe(7);
    expect(stopped.reason).toMatch(/budget of \$0\.80 /);
    expect(stopped.reason).toMatch(/7 rows not sent/);
    expect(stopped.spent).toBeLessThanOrEqual(0.8);
    expect(sandbox.submittedTasks(KEY)).toBe(3);
    // Raising the budget and resuming sends the rest.
    await desk.handlers['batches.setBudget']({ id: batch.id, budget: 10 });
    await desk.handlers['batches.resume']({ id: batch.id });
    const done = await until(batch.id, (v) => v.state === 'finished');
    expect(done.counts.done + done.counts.failed).toBe(10);
  });

  it('a budget stop in the pass that sent rows counts only the rows left, in the UI’s money format', async () => {
    await open();
    // Concurrency 5: the first pass sends three rows, then the fourth would pass $0.80.
    const batch = await create({
      template: template({ prompt: 'Price of {{product}} on {{shop}} [cost:0.25]', costCap: 0.25 }),
      source: { text: csv(10), format: 'auto' },
      settings: { concurrency: 5, budget: 0.8 },
    });
    const stopped = await until(batch.id, (v) => v.state === 'budget_stopped');
    expect(stopped.counts.waiting).toBe(7);
    expect(stopped.reason).toMatch(/ 7 rows not sent/);
    expect(stopped.reason).toMatch(/budget of \$0\.80 \(spent \$0\.00, about \$0\.25 a row\)/);
  });

  it('rows a budget stop left unsent move to “Retry failed rows”, and concurrency can change', async () => {
    await open();
    const batch = await create({
      template: template({ prompt: 'Price of {{product}} on {{shop}} [cost:0.25]', costCap: 0.25 }),
      source: { text: csv(6), format: 'auto' },
      settings: { concurrency: 2, budget: 0.5 },
    });
    const stopped = await until(
      batch.id,
      (v) => v.state === 'budget_stopped' && v.counts.running === 0,
    );
    expect(stopped.counts.waiting).toBe(4);
    const retry = await desk.handlers['batches.retryFailed']({ id: batch.id });
    expect(retry.retryOf).toBe(batch.id);
    expect(retry.counts.total).toBe(4);
    const original = await desk.handlers['batches.get']({ id: batch.id });
    expect(original.counts.waiting).toBe(0);
    expect(original.counts.cancelled).toBe(4);
    expect(original.reason).toMatch(/4 unsent rows moved to “Retry of/);
    // Its own budget holds it too; raising it and the concurrency lets it finish.
    await until(retry.id, (v) => v.state === 'budget_stopped' && v.counts.running === 0);
    const faster = await desk.handlers['batches.setConcurrency']({ id: retry.id, concurrency: 4 });
    expect(faster.concurrency).toBe(4);
    await desk.handlers['batches.setBudget']({ id: retry.id, budget: 5 });
    await desk.handlers['batches.resume']({ id: retry.id });
    const done = await until(retry.id, (v) => v.state === 'finished');
    expect(done.counts.done + done.counts.failed).toBe(4);
    expect(sandbox.submittedTasks(KEY)).toBe(6);
    await expect(
      Promise.resolve().then(() =>
        desk.handlers['batches.setConcurrency']({ id: 'nope', concurrency: 2 }),
      ),
    ).rejects.toThrow(/No batch/);
  });

  it('pauses (nothing new is sent), resumes and cancels the whole batch', async () => {
    await open(2);
    const batch = await create({
      template: template({ prompt: 'Price of {{product}} on {{shop}} [duration:60s]' }),
      source: { text: csv(12), format: 'auto' },
      settings: { concurrency: 2, budget: null },
    });
    await until(batch.id, (v) => v.counts.done >= 1);
    const paused = await desk.handlers['batches.pause']({ id: batch.id });
    expect(paused.state).toBe('paused');
    expect(paused.reason).toMatch(/no new rows/i);
    const drained = await until(batch.id, (v) => v.counts.running === 0);
    const sentWhilePaused = sandbox.submittedTasks(KEY);
    expect(drained.counts.done + drained.counts.waiting).toBe(12);
    expect(sentWhilePaused).toBe(drained.counts.done);

    await desk.handlers['batches.resume']({ id: batch.id });
    const more = await until(batch.id, (v) => v.counts.done >= drained.counts.done + 2);
    expect(more.state).toBe('running');

    const cancelled = await desk.handlers['batches.cancel']({ id: batch.id });
    expect(cancelled.state).toBe('cancelled');
    const settled = await until(batch.id, (v) => v.counts.running === 0);
    expect(settled.counts.cancelled).toBeGreaterThan(0);
    expect(settled.counts.waiting).toBe(0);
    expect(settled.counts.done + settled.counts.failed + settled.counts.cancelled).toBe(12);
    await expect(
      Promise.resolve().then(() => desk.handlers['batches.resume']({ id: batch.id })),
    ).rejects.toThrow(/cancelled/);
  });

  it('runs rows in sessions of N, one after another in each, and closes every session', async () => {
    await open();
    const batch = await create({
      template: template({ mode: 'session', rowsPerSession: 3 }),
      source: { text: csv(6), format: 'auto' },
      settings: { concurrency: 2, budget: null },
    });
    await until(batch.id, (v) => v.state === 'finished');
    const results = await desk.handlers['batches.results']({ id: batch.id });
    const sessionOf = await Promise.all(
      results.rows.map(
        async (r) => (await desk.handlers['tasks.get']({ id: r.taskId! })).sessionId,
      ),
    );
    expect(new Set(sessionOf.slice(0, 3)).size).toBe(1);
    expect(new Set(sessionOf.slice(3)).size).toBe(1);
    expect(sessionOf[0]).not.toBe(sessionOf[3]);
    await expect
      .poll(() => desk.sessions.listRecent(10).filter((s) => s.status === 'open').length)
      .toBe(0);
  });

  it('refuses a batch whose rows lack a value, listing the lines, and sends nothing until they are skipped', async () => {
    await open();
    const text = 'product;shop\nKettle;a.example\n;b.example\nToaster;\n';
    const prepared = await desk.handlers['batches.prepare']({
      template: template({}),
      source: { text, format: 'auto' },
      settings: { concurrency: 5, budget: null },
    });
    expect(prepared.problems.map((p) => [p.line, p.missing])).toEqual([
      [3, ['product']],
      [4, ['shop']],
    ]);
    expect(prepared.estimate.text).toMatch(/no history yet/);
    expect(() =>
      desk.handlers['batches.create']({
        name: '',
        template: template({}),
        source: { text, format: 'auto' },
        settings: { concurrency: 5, budget: null },
        skipLines: [3],
      }),
    ).toThrow(/Line 4: no value for shop/);
    expect(sandbox.submittedTasks(KEY)).toBe(0);
    const batch = await create({
      template: template({}),
      source: { text, format: 'auto' },
      skipLines: [3, 4],
    });
    const done = await until(batch.id, (v) => v.state === 'finished');
    expect(done.counts).toMatchObject({ done: 1, skipped: 2 });
    // A second run of the same template has history to estimate from.
    const again = await desk.handlers['batches.prepare']({
      template: template({}),
      source: { text: csv(600), format: 'auto' },
      settings: { concurrency: 5, budget: null },
    });
    expect(again.estimate.cost.samples).toBe(1);
    expect(again.estimate.cost.median).toBeGreaterThan(0);
  });
});
