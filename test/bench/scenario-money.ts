// Scenario 8: how soon a run that costs far more than usual is flagged. A batch template gets a
// baseline (5 runs at $0.01, so the threshold is $0.03), then expensive rows ($0.05 over 100
// simulated seconds: they cross $0.03 at 60 % of their run) are watched live against the
// sandbox in its own process, with a live socket, as the app runs them (a watched task is polled
// every min(healthy interval, 15 s); here the healthy interval is 1 s).
//
// Three figures: how many cost-bearing answers arrive after the threshold is crossed before
// the flag (the rule: the very first one flags, so 1); the time from that answer to the flag;
// and the time from the modelled crossing at WebRun (start + 60 % of the run) to the flag,
// which is bounded by one poll interval.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BatchTemplate } from '../../src-main/contract/batches';
import { methods } from '../../src-main/contract/index';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { startChild } from './children';
import { atMost, context, median, percentile, type Figure } from './report';

const S = '9 cost anomaly flag';
const TIME_SCALE = 0.05;
const POLL_MS = 1_000;
const RUN_S = 100;
const CROSS_SHARE = 0.6; // $0.03 of $0.05
const template = BatchTemplate.parse({ prompt: 'Bench {{item}} [cost:{{cost}}] [duration:{{d}}]' });

function until(desk: Desk, done: () => boolean, ms: number, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`timed out waiting for ${what}`));
    }, ms);
    const check = (): void => {
      if (!done()) return;
      clearTimeout(timer);
      off();
      resolve();
    };
    const off = desk.subscribe(check);
    check();
  });
}

async function batch(desk: Desk, rows: string[]): Promise<string> {
  const view = await desk.handlers['batches.create'](
    methods['batches.create'].input.parse({
      template,
      source: { text: ['item,cost,d', ...rows].join('\n'), format: 'csv' },
      settings: { concurrency: 20, budget: null },
    }),
  );
  return view.id;
}

export async function moneyScenario(smoke: boolean): Promise<Figure[]> {
  const n = smoke ? 3 : 12;
  const sandbox = await startChild<{ url: string }>('sandbox-child.ts', {
    timeScale: TIME_SCALE,
    rateLimit: null,
    maxConcurrentSessions: 100_000,
  });
  const dir = mkdtempSync(join(tmpdir(), 'webrun-bench-money-'));
  const desk = await createDesk({
    dbPath: join(dir, 'money.db'),
    apiKey: 'wr_bench_money',
    baseUrl: sandbox.ready.url,
    host: 'browser',
    rateLimit: null,
    recover: false,
    runner: {
      concurrency: () => 50,
      healthyPollIntervalMs: POLL_MS,
      pollIntervalMs: () => POLL_MS,
    },
  });
  try {
    const cheap = await batch(
      desk,
      Array.from({ length: 5 }, (_, i) => `base ${i},0.01,2s`),
    );
    await until(
      desk,
      () => desk.runner.activeCount() === 0 && desk.runner.status().queued === 0,
      60_000,
      `the baseline batch ${cheap}`,
    );
    const crossedAt = new Map<string, number>();
    const answersOver = new Map<string, number>();
    const flaggedAt = new Map<string, number>();
    const startedAt = new Map<string, number>();
    desk.subscribe((event) => {
      const now = performance.now();
      if (event.name === 'task.updated') {
        const t = event.payload;
        if (t.status === 'running' && !startedAt.has(t.id) && t.startedAt) startedAt.set(t.id, now);
        if ((t.usage?.cost ?? 0) > 0.03 && !flaggedAt.has(t.id)) {
          if (!crossedAt.has(t.id)) crossedAt.set(t.id, now);
          answersOver.set(t.id, (answersOver.get(t.id) ?? 0) + 1);
        }
      }
      if (event.name === 'money.alert' && event.payload.kind === 'anomaly' && event.payload.taskId)
        flaggedAt.set(event.payload.taskId, now);
    });
    const submittedAt = performance.now();
    await batch(
      desk,
      Array.from({ length: n }, (_, i) => `dear ${i},0.05,${RUN_S}s`),
    );
    await until(desk, () => flaggedAt.size >= n, 120_000, `${n} anomaly flags`);
    const ids = [...flaggedAt.keys()];
    const answers = ids.map((id) => answersOver.get(id) ?? 0);
    const processing = ids.map((id) => flaggedAt.get(id)! - crossedAt.get(id)!);
    // Modelled crossing at WebRun: the run starts about when it is sent (the batch was sent at
    // once, 50 at a time), and the cost passes $0.03 at 60 % of its scaled run time.
    const crossing = submittedAt + CROSS_SHARE * RUN_S * 1000 * TIME_SCALE;
    const sinceCrossing = ids.map((id) => flaggedAt.get(id)! - crossing);
    return [
      atMost(
        S,
        'answers over the threshold before the flag (max)',
        Math.max(...answers),
        1,
        '',
        'the first answer that carries a cost past the threshold flags the task',
      ),
      atMost(
        S,
        'answer → flag p95',
        percentile(processing, 95),
        5,
        'ms',
        'time from the crossing answer reaching the desk to the money.alert',
      ),
      atMost(
        S,
        'crossing at WebRun → flag p95',
        percentile(sinceCrossing, 95),
        POLL_MS + 500,
        'ms',
        `one poll interval (${POLL_MS} ms here; 15 s with the app's defaults and a live socket) plus a margin`,
      ),
      context(S, 'crossing at WebRun → flag p50', median(sinceCrossing), 'ms'),
    ];
  } finally {
    await desk.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
