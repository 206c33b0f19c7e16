// Scenario 6: browser-mode startup as a user meets it. `webrun-desk serve` is spawned from
// scratch each time (a new process and a new, empty history), timed to its printed URL; then
// Chromium opens that URL and the page's own first-contentful-paint entry is read.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atMost, context, median, type Figure } from './report';
import { startServe } from './serve-process';
import { ensureBuilt, launchChromium } from './scenario-ui';

declare const performance: { getEntriesByName(name: string): { startTime: number }[] };

export async function startupScenario(smoke: boolean, details: Record<string, unknown>): Promise<Figure[]> {
  const S = '6 startup (browser mode)';
  ensureBuilt();
  const runs = smoke ? 2 : 5;
  const ready: number[] = [];
  const paints: number[] = [];
  const browser = await launchChromium();
  try {
    for (let i = 0; i < runs; i++) {
      const dir = mkdtempSync(join(tmpdir(), 'webrun-bench-start-'));
      const serve = await startServe(join(dir, 'history.db'));
      try {
        ready.push(serve.readyMs);
        // A fresh context each time: no cached assets, like a first visit.
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(serve.url);
        const fcp = await page.waitForFunction(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null, null, { timeout: 15_000 });
        paints.push(Number(await fcp.jsonValue()));
        await context.close();
      } finally {
        await serve.stop();
        rmSync(dir, { recursive: true, force: true });
      }
    }
  } finally {
    await browser.close();
  }
  details.startup = { readyMs: ready, firstContentfulPaintMs: paints };
  return [
    atMost(S, `server ready: spawn → URL printed (median of ${runs})`, median(ready), 1_000, 'ms', `runs: ${ready.map((r) => r.toFixed(0)).join(', ')} ms`),
    atMost(S, `first contentful paint after opening the URL (median of ${runs})`, median(paints), 1_500, 'ms', `runs: ${paints.map((r) => r.toFixed(0)).join(', ')} ms`),
    context(S, 'machine', null, '', 'tsx compiles the CLI from TypeScript at each start (its cache warm after the first run)'),
  ];
}
