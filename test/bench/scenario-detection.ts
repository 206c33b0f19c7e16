// Scenarios 1 and 2: how soon our desk knows a task is done, and how many requests it spends
// per task, side by side with the documented reference loop on the same sandbox.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dispatch } from '../../src-main/contract/dispatch';
import type { DeskEvent } from '../../src-main/contract/index';
import { createDesk, type Desk, type DeskOptions } from '../../src-main/core/desk';
import { EventBatcher } from '../../src-main/core/event-hub';
import { startChild } from './children';
import { startCountingProxy } from './counting-proxy';
import { completedAtOf, referenceRun } from './reference-client';
import { atLeast, atMost, context, median, percentile, type Figure } from './report';
import { DEFAULT_HEALTHY_POLL_INTERVAL_MS } from '../../src-main/core/runner/runner-options';

const LIFTED = { rateLimit: null, maxConcurrentSessions: 100_000 };

async function benchDesk(
  dir: string,
  name: string,
  baseUrl: string,
  runner: DeskOptions['runner'] = {},
): Promise<Desk> {
  return createDesk({
    dbPath: join(dir, `${name}.db`),
    apiKey: `wr_bench_${name}`,
    baseUrl,
    host: 'browser',
    rateLimit: null,
    recover: false,
    runner: { concurrency: () => 200, ...runner },
  });
}

async function create(desk: Desk, prompt: string): Promise<string> {
  const envelope = await dispatch(desk.handlers, 'tasks.create', { prompt });
  if (!envelope.ok) throw new Error(`tasks.create: ${envelope.error.message}`);
  return (envelope.value as { id: string }).id;
}

/** Resolves when every id has an entry in `seen`, or rejects after `ms`. */
function waitFor(
  seen: Map<string, unknown>,
  ids: string[],
  ms: number,
  what: string,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const tick = setInterval(() => {
      if (ids.every((id) => seen.has(id))) {
        clearInterval(tick);
        resolve();
      } else if (Date.now() - started > ms) {
        clearInterval(tick);
        reject(
          new Error(
            `${what}: ${ids.filter((id) => !seen.has(id)).length} of ${ids.length} tasks never completed (lost or stuck)`,
          ),
        );
      }
    }, 20);
  });
}

export async function detectionScenario(
  smoke: boolean,
  details: Record<string, unknown>,
): Promise<Figure[]> {
  const S = '1 completion detection';
  const n = smoke ? 6 : 30;
  // 0.05: a [duration:60s] task takes 3 s and the 50 s inline window 2.5 s, so every task ends
  // after run-task has answered "pending" and the reference loop really polls every 2 s.
  const sandbox = await startChild<{ url: string }>('sandbox-child.ts', {
    timeScale: 0.05,
    ...LIFTED,
  });
  const dir = mkdtempSync(join(tmpdir(), 'webrun-bench-detect-'));
  const desk = await benchDesk(dir, 'detect', sandbox.ready.url);
  try {
    const eventAt = new Map<string, number>();
    const uiAt = new Map<string, number>();
    let storeLagging = 0;
    // What a browser-mode window receives: the same per-frame batcher the server puts per connection.
    const batcher = new EventBatcher((events) => {
      const at = Date.now();
      for (const e of events)
        if (
          e.name === 'task.updated' &&
          e.payload.status === 'completed' &&
          !uiAt.has(e.payload.id)
        )
          uiAt.set(e.payload.id, at);
    });
    desk.subscribe((event: DeskEvent) => {
      batcher.push(event);
      if (
        event.name !== 'task.updated' ||
        event.payload.status !== 'completed' ||
        eventAt.has(event.payload.id)
      )
        return;
      eventAt.set(event.payload.id, Date.now());
      if (desk.runner.store.get(event.payload.id)?.status !== 'completed') storeLagging += 1;
    });

    // Durations spread over 60–100 simulated s (3–5 s real) so completions fall at every phase
    // of the reference loop's 2 s polling, as they would for real tasks.
    const ours: string[] = [];
    const refs: Promise<Awaited<ReturnType<typeof referenceRun>>>[] = [];
    for (let i = 0; i < n; i++) {
      const seconds = Math.round(60 + (40 * i) / n);
      const prompt = `Benchmark completion ${i} [duration:${seconds}s]`;
      ours.push(await create(desk, prompt));
      refs.push(referenceRun(sandbox.ready.url, 'wr_bench_reference', prompt));
    }
    const reference = await Promise.all(refs);
    await waitFor(eventAt, ours, 30_000, 'our desk');
    await new Promise((r) => setTimeout(r, 120));
    batcher.close();

    const ourLatency: number[] = [];
    const uiLatency: number[] = [];
    for (const id of ours) {
      const task = desk.runner.store.get(id)!;
      const completedAt = await completedAtOf(
        sandbox.ready.url,
        task.sessionId!,
        task.remoteTaskId!,
      );
      if (completedAt === null) throw new Error(`task ${id}: the sandbox gave no completedAt`);
      ourLatency.push(eventAt.get(id)! - completedAt);
      if (uiAt.has(id)) uiLatency.push(uiAt.get(id)! - completedAt);
    }
    const refLatency = reference.map((r) => {
      if (r.completedAt === null)
        throw new Error(`reference task ended as ${r.state} without completedAt`);
      return r.detectedAt - r.completedAt;
    });
    if (storeLagging > 0)
      throw new Error(`${storeLagging} completed events fired before the store said completed`);
    const ourP50 = median(ourLatency);
    const refP50 = median(refLatency);
    details.detection = {
      samples: n,
      ours: ourLatency,
      browserWindow: uiLatency,
      reference: refLatency,
    };
    return [
      atMost(
        S,
        'ours p50 (sandbox completedAt → task.updated)',
        ourP50,
        50,
        'ms',
        `${n} tasks, one-shot + socket`,
      ),
      atMost(
        S,
        'ours p95',
        percentile(ourLatency, 95),
        200,
        'ms',
        `max ${Math.max(...ourLatency)} ms`,
      ),
      atMost(
        S,
        'ours p50 as delivered to a browser window',
        median(uiLatency),
        25,
        'ms',
        `incl. the per-connection batching (one message per 16 ms frame, at once when idle); ${uiLatency.length} of ${n} seen`,
      ),
      context(
        S,
        'reference loop p50 (POST + GET every 2 s)',
        refP50,
        'ms',
        `p95 ${percentile(refLatency, 95)} ms`,
      ),
      atLeast(
        S,
        'speed-up at p50 (reference / ours)',
        refP50 / Math.max(ourP50, 1),
        20,
        '×',
        ourP50 < 1 ? 'ours < 1 ms, counted as 1 ms' : undefined,
      ),
    ];
  } finally {
    await desk.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function requestsScenario(
  smoke: boolean,
  details: Record<string, unknown>,
): Promise<Figure[]> {
  const S = '2 requests per task';
  // Full run: real time, a real 90 s task. Smoke: everything ×0.05, the client's intervals too,
  // so the counts come out the same shape in 4.5 s.
  const scale = smoke ? 0.05 : 1;
  const n = smoke ? 2 : 3;
  const sandbox = await startChild<{ url: string }>('sandbox-child.ts', {
    timeScale: scale,
    ...LIFTED,
  });
  const oursProxy = await startCountingProxy(sandbox.ready.url);
  const refProxy = await startCountingProxy(sandbox.ready.url);
  const dir = mkdtempSync(join(tmpdir(), 'webrun-bench-requests-'));
  const desk = await benchDesk(dir, 'requests', oursProxy.url, {
    pollIntervalMs: () => 2_500 * scale,
    healthyPollIntervalMs: DEFAULT_HEALTHY_POLL_INTERVAL_MS * scale,
  });
  try {
    const done = new Map<string, string>();
    desk.subscribe((e) => {
      if (
        e.name === 'task.updated' &&
        ['completed', 'failed', 'unknown', 'stopped'].includes(e.payload.status)
      )
        done.set(e.payload.id, e.payload.status);
    });
    const ours: string[] = [];
    const refs: Promise<unknown>[] = [];
    for (let i = 0; i < n; i++) {
      const prompt = `Benchmark requests ${i} [duration:90s]`;
      ours.push(await create(desk, prompt));
      refs.push(referenceRun(refProxy.url, 'wr_bench_reference', prompt, 2_000 * scale));
    }
    await Promise.all(refs);
    await waitFor(done, ours, 150_000 * scale + 10_000, 'our desk');
    // Let the one-shot session's socket close before counting.
    await new Promise((r) => setTimeout(r, 200));
    const bad = ours.filter((id) => done.get(id) !== 'completed');
    if (bad.length) throw new Error(`${bad.length} of our 90 s tasks did not complete`);
    const oursPer = oursProxy.total() / n;
    const refPer = refProxy.total() / n;
    const breakdown = (p: typeof oursProxy) =>
      [...[...p.requests].map(([k, v]) => `${k}: ${v / n}`), `WS upgrade: ${p.upgrades / n}`].join(
        ', ',
      );
    details.requests = {
      tasks: n,
      timeScale: scale,
      ours: Object.fromEntries(oursProxy.requests),
      oursUpgrades: oursProxy.upgrades,
      reference: Object.fromEntries(refProxy.requests),
    };
    return [
      context(S, 'ours: HTTP requests per 90 s task', oursPer, 'req', breakdown(oursProxy)),
      context(S, 'reference loop: HTTP requests per 90 s task', refPer, 'req', breakdown(refProxy)),
      atMost(
        S,
        'ours / reference',
        oursPer / refPer,
        0.2,
        '',
        smoke ? 'smoke: time ×0.05, client intervals scaled alike' : 'real time (timeScale 1)',
      ),
    ];
  } finally {
    await desk.close();
    await oursProxy.close();
    await refProxy.close();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
