// Scenario 7: a working day, simulated. 3,000 tasks (fed in a few ahead of the runner) through
// the sandbox at a fast time scale,
// 20 at once, a tenth asking a question the scripted user answers, the sockets dropped every
// simulated minute, the UI open in Chromium throughout. The desk (its own process, --expose-gc)
// and the page are sampled every 10 s; the curves are drawn into a PNG next to the report.
import type { CDPSession } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { startChild } from './children';
import { atMost, context, type Figure } from './report';
import { ensureBuilt, launchChromium } from './scenario-ui';
import type { SoakSample } from './soak-host';
import { drawSoakChart, type RendererSample } from './soak-chart';
import { installLongTaskObserver, longTasks as longTasksOf } from './ui-probes';

const FULL = {
  tasks: 3_000,
  concurrency: 20,
  questionEvery: 10,
  durationS: [120, 240] as [number, number],
  timeScale: 0.01,
  sampleMs: 10_000,
};
const SMOKE = {
  tasks: 100,
  concurrency: 20,
  questionEvery: 10,
  durationS: [20, 40] as [number, number],
  timeScale: 0.01,
  sampleMs: 1_000,
};

interface SoakDone {
  ms: number;
  outcomes: Record<string, number>;
  questions: number;
  /** Refused answers by reason (`code: message`). */
  refused: Record<string, number>;
  /** Of them, those refused while WebRun still held the task at its question: a fault. */
  refusedWhileOpen: number;
  dbBytes: number;
}

async function rendererHeapMb(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  return usedSize / 1e6;
}

export async function soakScenario(
  smoke: boolean,
  details: Record<string, unknown>,
): Promise<Figure[]> {
  const S = '7 soak';
  const size = smoke ? SMOKE : FULL;
  ensureBuilt();
  const dir = mkdtempSync(join(tmpdir(), 'webrun-bench-soak-'));
  const dbPath = join(dir, 'soak.db');
  const sandbox = await startChild<{ url: string }>('sandbox-child.ts', {
    timeScale: size.timeScale,
    rateLimit: null,
    maxConcurrentSessions: 100_000,
    faults: true,
  });
  const host = await startChild<{ url: string }>(
    'soak-host.ts',
    { ...size, dbPath, staticRoot: resolve('out/renderer'), sandboxUrl: sandbox.ready.url },
    ['--expose-gc'],
  );
  const browser = await launchChromium();
  const drops = { sent: 0, failed: 0 };
  let dropTimer: ReturnType<typeof setInterval> | null = null;
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    const cdp = await page.context().newCDPSession(page);
    await page.goto(`${host.ready.url}#/queue`);
    await page.getByRole('navigation', { name: 'Main' }).waitFor({ timeout: 30_000 });
    await installLongTaskObserver(page);

    // A socket drop every simulated minute (recoverable, as a brief network loss is).
    dropTimer = setInterval(() => {
      drops.sent++;
      void fetch(`${sandbox.ready.url}/__sandbox/faults`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ action: 'dropSockets' }),
      })
        .then((r) => void (r.ok || drops.failed++))
        .catch(() => drops.failed++);
    }, 60_000 * size.timeScale);

    host.process.stdin!.write('start\n');
    const samples: SoakSample[] = [];
    const renderer: RendererSample[] = [];
    let after100: number | null = null;
    let done: SoakDone | null = null;
    while (!done) {
      const line = (await host.next()) as { sample?: SoakSample; done?: SoakDone; error?: string };
      if (line.error) throw new Error(`soak host: ${line.error}`);
      if (line.done) done = line.done;
      if (line.sample) {
        samples.push(line.sample);
        const heap = await rendererHeapMb(cdp);
        renderer.push({ at: line.sample.at, heapMb: heap });
        if (after100 === null && line.sample.done >= Math.min(100, size.tasks)) after100 = heap;
      }
    }
    clearInterval(dropTimer);
    dropTimer = null;
    const rendererEnd = await rendererHeapMb(cdp);
    const longTasks = (await longTasksOf(page)).filter((d) => d > 100);
    const chartPath = smoke ? 'bench-results/soak-smoke.png' : 'bench-results/soak.png';
    await drawSoakChart(browser, chartPath, samples, renderer, size);
    await page.close();

    const lost = size.tasks - Object.values(done.outcomes).reduce((a, b) => a + b, 0);
    if (lost !== 0) throw new Error(`${lost} tasks never finished`);
    if (done.questions !== Math.floor(size.tasks / size.questionEvery))
      throw new Error(
        `${done.questions} questions answered, expected ${Math.floor(size.tasks / size.questionEvery)}`,
      );
    const refusedTotal = Object.values(done.refused).reduce((a, b) => a + b, 0);
    const quarter = Math.max(1, Math.floor(samples.length / 4));
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const firstQ = mean(samples.slice(0, quarter).map((s) => s.heapAfterGcMb));
    const lastQ = mean(samples.slice(-quarter).map((s) => s.heapAfterGcMb));
    const rssMax = Math.max(...samples.map((s) => s.rssMb));
    const eldP99 = Math.max(...samples.map((s) => s.eventLoopP99Ms));
    const rendererRatio = after100 ? rendererEnd / after100 : null;
    details.soak = { size, samples, renderer, drops, done, longTasks, chart: chartPath };
    const simHours =
      ((size.tasks / size.concurrency) * ((size.durationS[0] + size.durationS[1]) / 2)) / 3600;
    return [
      context(
        S,
        'run',
        done.ms / 1000,
        's',
        `${size.tasks} tasks, ${size.concurrency} at once, ~${simHours.toFixed(2)} simulated hours at time scale ${size.timeScale}; ${done.questions} questions answered; ${drops.sent} socket drops (${drops.failed} failed); outcomes ${JSON.stringify(done.outcomes)}; ${samples.length} samples every ${size.sampleMs / 1000} s`,
      ),
      atMost(
        S,
        'desk heap after GC: last quarter − first quarter',
        lastQ - firstQ,
        20,
        'MB',
        `mean of ${quarter} samples each: ${firstQ.toFixed(1)} → ${lastQ.toFixed(1)} MB`,
      ),
      atMost(S, 'desk RSS (max)', rssMax, 300, 'MB'),
      context(
        S,
        'answers refused after their question ended',
        refusedTotal - done.refusedWhileOpen,
        'answers',
        refusedTotal
          ? Object.entries(done.refused)
              .map(([why, n]) => `${n}× ${why}`)
              .join('; ')
          : undefined,
      ),
      atMost(S, 'answers refused while the question was open', done.refusedWhileOpen, 0, 'answers'),
      atMost(
        S,
        `desk event-loop delay p99 (worst ${size.sampleMs / 1000} s window)`,
        eldP99,
        20,
        'ms',
        `max single delay ${Math.max(...samples.map((s) => s.eventLoopMaxMs)).toFixed(0)} ms`,
      ),
      context(
        S,
        'database bytes per task',
        done.dbBytes / size.tasks,
        'B',
        `${(done.dbBytes / 1e6).toFixed(1)} MB for ${size.tasks} tasks (file + WAL)`,
      ),
      atMost(
        S,
        'renderer JS heap at the end / after the first 100 tasks',
        rendererRatio,
        1.5,
        '×',
        after100
          ? `${after100.toFixed(1)} → ${rendererEnd.toFixed(1)} MB after GC`
          : 'no sample after 100 tasks',
      ),
      atMost(
        S,
        'renderer long tasks > 100 ms',
        longTasks.length,
        0,
        'tasks',
        longTasks.length ? `longest ${Math.max(...longTasks).toFixed(0)} ms` : undefined,
      ),
      context(S, 'chart', null, '', chartPath),
    ];
  } finally {
    if (dropTimer) clearInterval(dropTimer);
    await browser.close();
    await host.stop();
    await sandbox.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
