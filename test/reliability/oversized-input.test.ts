// Oversized input: a 50 MB answer from "WebRun", a task whose network log holds 1,000,000 URLs,
// and prompts at the 100,000-character limit (test/helpers/oversized-webrun.ts produces what the
// sandbox never would). While each is processed the browser-mode server keeps answering: every
// probe gets its answer. How fast it answers is a figure of `npm run bench` (scenario 8), not an
// assertion here: a wall-clock limit that one host meets and another misses proves nothing.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskView } from '../../src-main/contract/index';
import { startOversizedRig, type OversizedRig } from '../helpers/oversized-webrun';
import { tempDir } from '../helpers/temp';
import { cli, isSentenceAndUsage } from './support';

let rig: OversizedRig;
const t = tempDir('webrun-oversized-');

beforeAll(async () => {
  rig = await startOversizedRig(t.dir);
});
afterAll(async () => {
  await rig.close();
  t.cleanup();
});

describe('a 50 MB answer to run-task', () => {
  let settled: TaskView;
  it('keeps answering the UI while it arrives, and settles the task', async () => {
    rig.mode = 'huge-answer';
    const task = await rig.create('Summarise everything');
    const { result, probes } = await rig.slowestAnswerDuring(rig.desk.waitForSettled(task.id));
    settled = result;
    expect(probes).toBeGreaterThan(0); // every probe was answered 200 (the helper throws if not)
    expect(settled.status).toBe('completed');
  }, 180_000);

  // The stated limit: the history keeps the first million characters of an answer and says
  // where the whole answer was saved, so nothing is lost and no window receives 50 MB.
  it('keeps a bounded preview in the history and saves the whole answer to a file', () => {
    expect(settled.status).toBe('completed');
    expect(settled.resultMessage!.length).toBeLessThan(1_100_000);
    const saved = /saved in (\S+answer\.txt)/.exec(settled.resultMessage!)?.[1];
    expect(saved).toBeTruthy();
    expect(statSync(saved!).size).toBeGreaterThanOrEqual(50 * 1024 * 1024 - 1024);
  });
});

describe('a task whose network log holds 1,000,000 URLs', () => {
  it('stores the log and shows a bounded page of it with the true total, answering the UI meanwhile', async () => {
    rig.mode = 'million-urls';
    const task = await rig.create('Crawl the whole catalogue');
    const { result, probes } = await rig.slowestAnswerDuring(rig.desk.waitForSettled(task.id));
    expect(probes).toBeGreaterThan(0);
    expect(result.status).toBe('completed');
    // The stated limit: the first 100,000 URLs are kept, and the true total is known.
    await rig.desk.filesSettled(task.id);
    const details = JSON.parse((await rig.api('tasks.details', { id: task.id })).body) as {
      value: { network: unknown[]; networkTotal: number; networkStored: number };
    };
    expect(details.value.networkTotal).toBe(1_000_000);
    expect(details.value.networkStored).toBe(100_000);
    expect(details.value.network.length).toBeLessThanOrEqual(5_000);
    // A safety net: 70 MB to receive, parse and store took 146 s of the old 300 s when the test
    // had a twelfth of a core (its core shared with two CPU hogs; issue 30).
  }, 600_000);
});

describe('a prompt at the 100,000-character limit', () => {
  it('accepts exactly 100,000 characters and refuses 100,001 with the limit in the message', async () => {
    rig.mode = 'small';
    const ok = await rig.api('tasks.create', { prompt: 'p'.repeat(100_000) });
    expect(ok.status).toBe(200);
    expect((JSON.parse(ok.body) as { value: TaskView }).value.prompt).toHaveLength(100_000);
    const tooLong = await rig.api('tasks.create', { prompt: 'p'.repeat(100_001) });
    expect(tooLong.status).toBe(400);
    expect(JSON.parse(tooLong.body)).toMatchObject({
      ok: false,
      error: {
        code: 'invalid_input',
        message: 'prompt: The prompt is too long (100,000 characters at most).',
      },
    });
  });

  it('is refused by the CLI in one sentence and the usage line, exit 2', async () => {
    const result = await cli(['run', 'p'.repeat(100_001), '--db', join(t.dir, 'cli.db')]);
    expect(result.code).toBe(2);
    expect(isSentenceAndUsage(result.stderr), result.stderr).toBe(true);
    expect(result.stderr).toMatch(/prompt is too long \(100,000 characters at most\)/);
  });
});
