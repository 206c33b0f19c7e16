// Money on the whole core against the real sandbox: a balance that runs out mid-batch holds
// the queue (nothing fails task after task), every balance WebRun reports is recorded with its
// source, and pre-flight refuses a batch whose usual cost exceeds what is left until the person
// confirms the amounts.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { methods, type DeskEvent, type MoneyAlert } from '../../src-main/contract/index';
import { BatchTemplate } from '../../src-main/contract/batches';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { startTask } from '../../src-main/mcp/task-start';
import {
  startSandbox,
  type SandboxHandle,
  type SandboxOptions,
} from '../../src-main/sandbox/index';
import { tempDir } from '../helpers/temp';

const KEY = 'wr_money_test';
let sandbox: SandboxHandle;
let desk: Desk;
let cleanup = (): void => {};

async function open(sandboxOptions: SandboxOptions, concurrency = 1): Promise<Desk> {
  const t = tempDir();
  cleanup = t.cleanup;
  sandbox = await startSandbox({ timeScale: 0.002, rateLimit: null, ...sandboxOptions });
  desk = await createDesk({
    dbPath: join(t.dir, 'history.db'),
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

afterEach(async () => {
  await desk?.close();
  await sandbox?.close();
  cleanup();
});

function until<T>(read: () => T | null | undefined | false): Promise<T> {
  return new Promise((resolve) => {
    const check = (): boolean => {
      const value = read();
      if (!value) return false;
      off();
      resolve(value);
      return true;
    };
    const off = desk.subscribe(() => void check());
    void Promise.resolve().then(check);
  });
}

const template = BatchTemplate.parse({ prompt: 'Price of {{item}} [cost:0.02]' });
const rows = (n: number) =>
  ['item', ...Array.from({ length: n }, (_, i) => `kettle ${i}`)].join('\n');
const batch = async (n: number, override?: boolean) =>
  await Promise.resolve(
    desk.handlers['batches.create']({
      name: '',
      skipLines: [],
      settings: { concurrency: 1, budget: null },
      source: { text: rows(n), format: 'auto' },
      template,
      ...(override === undefined ? {} : { override }),
    }),
  );

describe('money foresight', () => {
  it('a balance that runs out mid-batch holds the queue with the balance and the amount required', async () => {
    await open({ balance: 0.13, balanceRefusal: 'coded' });
    const alerts: MoneyAlert[] = [];
    desk.subscribe((e: DeskEvent) => {
      if (e.name === 'money.alert') alerts.push(e.payload);
    });
    const b = await batch(10);
    const held = await until(() => desk.runner.status().blockedReason);
    expect(held).toBe(
      'WebRun refused a task for balance ($0.01 left, $0.02 required): no task is sent until you add funds at WebRun and resume the queue.',
    );
    const view = await desk.handlers['batches.get']({ id: b.id });
    // Six rows paid for, the seventh refused and back in the queue: nothing failed.
    expect(view.counts).toMatchObject({ done: 6, failed: 0, unknown: 0 });
    const tasks = (await desk.handlers['tasks.list'](methods['tasks.list'].input.parse({}))).tasks;
    expect(tasks.filter((t) => t.status === 'failed')).toEqual([]);
    expect(tasks.filter((t) => t.status === 'queued').length).toBeGreaterThan(0);
    const money = await desk.handlers['money.status']({ tzOffsetMinutes: 0 });
    expect(money.hold).toMatchObject({ balance: 0.01, required: 0.02 });
    expect(money.balance).toMatchObject({
      balance: 0.01,
      required: 0.02,
      source: '402 /start/run-task',
      simulated: false,
    });
    expect(alerts.filter((a) => a.kind === 'balance_hold')).toHaveLength(1);

    // Resuming tries once more; refused again, it holds again: one more refusal, not a cascade.
    const refusedBefore = desk.history.spendBetween(0, Date.now() + 1).tasks;
    await desk.handlers['queue.resume']({});
    // Held again by a second refusal (a second alert), not by the first one's stale reason.
    await until(() => alerts.filter((a) => a.kind === 'balance_hold').length === 2);
    expect(desk.runner.status().blockedReason).toMatch(/^WebRun refused a task for balance/);
    const queued = (
      await desk.handlers['tasks.list'](methods['tasks.list'].input.parse({}))
    ).tasks.filter((t) => t.status === 'queued');
    // The batch feeds one row at a time (concurrency 1): that row waits at the head of the queue.
    expect(queued).toHaveLength(1);
    expect((await desk.handlers['batches.get']({ id: b.id })).counts).toMatchObject({
      done: 6,
      failed: 0,
    });
    expect(desk.history.spendBetween(0, Date.now() + 1).tasks).toBe(refusedBefore);

    // Pre-flight now knows the template (6 runs at $0.02) and the balance ($0.01).
    const prepared = await desk.handlers['batches.prepare']({
      template,
      source: { text: rows(3), format: 'auto' },
      settings: { concurrency: 1, budget: null },
    });
    expect(prepared.preflight).toMatchObject({ ok: false, p50Total: 0.06, balance: 0.01 });
    await expect(batch(3)).rejects.toThrow(
      /Nothing was sent\. Refused before sending: 3 tasks at \$0\.02 median and \$0\.02 p90 each: \$0\.06 to \$0\.06, more than the balance \(\$0\.01\)\. Confirm the amounts/,
    );
    await expect(batch(3, true)).resolves.toMatchObject({ counts: { total: 3 } });
  });

  it('records the balance a session start reports, and a [balance:…] directive sets the sandbox balance', async () => {
    await open({ balance: 5 });
    const task = await desk.handlers['tasks.create']({
      prompt: 'Look around [balance:0.5] [cost:0.1]',
      mode: 'session',
    } as never);
    await desk.waitForSettled(task.id);
    const seen = await desk.handlers['money.status']({ tzOffsetMinutes: 0 });
    expect(seen.balance).toMatchObject({ balance: 5, required: null, source: 'start-session' });
    const second = await desk.handlers['tasks.create']({
      prompt: 'And again [cost:0.1]',
      mode: 'session',
    } as never);
    await desk.waitForSettled(second.id);
    expect((await desk.handlers['money.status']({ tzOffsetMinutes: 0 })).balance).toMatchObject({
      balance: 0.4,
      source: 'start-session',
    });
  });

  it("refuses an assistant's MCP call whose usual cost exceeds the balance, before anything is sent", async () => {
    await open({ balance: 1.6 }, 5);
    const run = async (prompt: string, mode: 'oneshot' | 'session' = 'oneshot') => {
      const task = await desk.handlers['tasks.create']({ prompt, mode } as never);
      return desk.waitForSettled(task.id);
    };
    await Promise.all(Array.from({ length: 5 }, () => run('Check the stock [cost:0.3]')));
    await run('Look around [cost:0.01]', 'session'); // a session start reports the $0.10 left
    const sentBefore = sandbox.submittedTasks(KEY);
    const refused = startTask(
      desk,
      'Claude',
      { prompt: 'Check the stock [cost:0.3]' } as never,
      1_000,
    );
    expect(refused).toEqual({
      kind: 'refused',
      message:
        'Refused before sending: 1 task at $0.30 median and $0.30 p90 each: $0.30 to $0.30, more than the balance ($0.10).',
    });
    expect(sandbox.submittedTasks(KEY)).toBe(sentBefore);
  });
});
