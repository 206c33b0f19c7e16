// Scenario 8: the UI stays responsive while oversized input is processed. A desk with its
// browser-mode server runs against a stand-in that answers run-task with 50 MB, then a task
// whose network log holds 1,000,000 URLs (test/helpers/oversized-webrun.ts); app.info is asked
// every 100 ms meanwhile and the slowest answer is the figure. The same rig's test
// (oversized-input.test.ts) checks what is stored; the timing lives here, with its target.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startOversizedRig } from '../helpers/oversized-webrun';
import { atMost, context, type Figure } from './report';

export async function oversizedScenario(
  smoke: boolean,
  details: Record<string, unknown>,
): Promise<Figure[]> {
  const S = '8 oversized input';
  const dir = mkdtempSync(join(tmpdir(), 'webrun-bench-oversized-'));
  const rig = await startOversizedRig(dir);
  try {
    rig.mode = 'huge-answer';
    const big = await rig.create('Summarise everything');
    const answer = await rig.slowestAnswerDuring(rig.desk.waitForSettled(big.id));
    if (answer.result.status !== 'completed')
      throw new Error(`the 50 MB answer ended ${answer.result.status}`);
    const figures = [
      atMost(S, 'slowest UI answer while a 50 MB answer arrives', answer.slowestMs, 1_000, 'ms'),
      context(S, 'UI probes answered (50 MB answer)', answer.probes, ''),
    ];
    let urls = { slowestMs: null as number | null, probes: 0 };
    // The million-URL log takes tens of seconds to store: the smoke run skips it.
    if (!smoke) {
      rig.mode = 'million-urls';
      const crawl = await rig.create('Crawl the whole catalogue');
      const run = await rig.slowestAnswerDuring(rig.desk.waitForSettled(crawl.id));
      await rig.desk.filesSettled(crawl.id);
      if (run.result.status !== 'completed')
        throw new Error(`the 1,000,000-URL task ended ${run.result.status}`);
      urls = { slowestMs: run.slowestMs, probes: run.probes };
      figures.push(
        atMost(S, 'slowest UI answer while 1,000,000 URLs are stored', run.slowestMs, 1_000, 'ms'),
        context(S, 'UI probes answered (1,000,000 URLs)', run.probes, ''),
      );
    }
    details.oversized = { answer: { slowestMs: answer.slowestMs, probes: answer.probes }, urls };
    return figures;
  } finally {
    await rig.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
