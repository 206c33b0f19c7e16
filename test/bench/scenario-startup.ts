// Scenario 6: startup as a user meets it. `webrun-desk --help` as a whole process, against
// `node -e 0` on the same machine in the same run; `webrun-desk serve` spawned from scratch
// each time (a new process and a new, empty history), timed to its printed URL; then Chromium
// opens that URL and the page's own first-contentful-paint entry is read. Then serve again on
// the store scenario's 100k-task history (startup-history.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { timeInterleaved } from './process-timing';
import { atMost, context, median, type Figure } from './report';
import { startServe } from './serve-process';
import { ensureBuilt, launchChromium } from './scenario-ui';
import { serveOnStoreHistory } from './startup-history';

declare const performance: { getEntriesByName(name: string): { startTime: number }[] };

export async function startupScenario(
  smoke: boolean,
  details: Record<string, unknown>,
): Promise<Figure[]> {
  const S = '6 startup (browser mode)';
  ensureBuilt();
  const runs = smoke ? 2 : 5;
  const cli = await timeInterleaved(
    { node: ['-e', '0'], help: ['bin/webrun-desk.mjs', '--help'] },
    smoke ? 3 : 9,
  );
  const helpRatio = median(cli.help!) / median(cli.node!);
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
        const fcp = await page.waitForFunction(
          () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
          null,
          { timeout: 15_000 },
        );
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
  details.startup = {
    readyMs: ready,
    firstContentfulPaintMs: paints,
    helpMs: cli.help,
    nodeMs: cli.node,
  };
  const ms = (values: number[]): string => values.map((r) => r.toFixed(0)).join(', ');
  const onHistory = await serveOnStoreHistory(S, smoke, details);
  return [
    atMost(
      S,
      `webrun-desk --help, whole process, ÷ node -e 0 (medians of ${cli.help!.length})`,
      helpRatio,
      3,
      '×',
      `--help ${median(cli.help!).toFixed(0)} ms (${ms(cli.help!)}); node -e 0 ${median(cli.node!).toFixed(0)} ms (${ms(cli.node!)})`,
    ),
    atMost(
      S,
      `server ready: spawn → URL printed, empty history (median of ${runs})`,
      median(ready),
      500,
      'ms',
      `runs: ${ms(ready)} ms`,
    ),
    atMost(
      S,
      `first contentful paint after opening the URL (median of ${runs})`,
      median(paints),
      1_500,
      'ms',
      `runs: ${paints.map((r) => r.toFixed(0)).join(', ')} ms`,
    ),
    ...onHistory,
    context(
      S,
      'machine',
      null,
      '',
      `the CLI runs from its bundle, out/cli/main.mjs (npm run build); load average ${loadavg()
        .map((n) => n.toFixed(2))
        .join(' ')} at the end`,
    ),
  ];
}
