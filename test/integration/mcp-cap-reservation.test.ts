// Concurrent assistant calls against a daily cap: each call's cap is reserved while its task
// is under way, so calls in flight together cannot pass the cap; an ended task frees its share.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TaskView } from '../../src-main/contract/index';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { startTask, type StartOutcome } from '../../src-main/mcp/task-start';
import { tempDir } from '../helpers/temp';

const t = tempDir('webrun-desk-mcp-cap-');
let desk: Desk;

beforeAll(async () => {
  // Real time in the sandbox: a 10-minute task stays running for the whole test.
  desk = await createDesk({
    dbPath: join(t.dir, 'history.db'),
    host: 'browser',
    sandbox: { timeScale: 1, rateLimit: null },
    rateLimit: null,
  });
});
afterAll(async () => {
  await desk.close();
  t.cleanup();
});

const started = (o: StartOutcome): TaskView => {
  if (o.kind !== 'started') throw new Error(`expected a start, got ${JSON.stringify(o)}`);
  return o.task;
};

describe('MCP spend caps with calls in flight', () => {
  it('refuses the call that, with the caps of the calls still running, could pass the daily cap', async () => {
    await desk.handlers['mcp.settings.update']({ maxCostPerCall: 0.5, requireApproval: false });
    const today = desk.budget().today;
    await desk.handlers['settings.update']({ budget: { dailyCap: today + 1.2 } });
    const call = () =>
      startTask(desk, 'Racer', { prompt: 'Read the page [duration:600s]', costCap: 0.5 }, 1_000);

    // Three calls at once: $1.50 of caps against $1.20 left; only two fit.
    const outcomes = [call(), call(), call()];
    expect(outcomes.map((o) => o.kind)).toEqual(['started', 'started', 'refused']);
    const refused = outcomes[2]!;
    expect(refused.kind === 'refused' && refused.message).toMatch(
      /would pass the daily cap .*\$1\.00 more is reserved for assistant tasks still running/,
    );
    expect(desk.mcpRequests.reservedSpend()).toBeCloseTo(1, 6);

    // An ended task's cap is no longer held: the next call fits again.
    const first = started(outcomes[0]!);
    await desk.handlers['tasks.cancel']({ id: first.id });
    expect(desk.mcpRequests.reservedSpend()).toBeCloseTo(0.5, 6);
    const again = call();
    expect(again.kind).toBe('started');

    for (const o of [outcomes[1]!, again]) {
      const id = started(o).id;
      const task = await desk.handlers['tasks.get']({ id });
      if (task.status === 'queued') await desk.handlers['tasks.cancel']({ id });
      else await Promise.resolve(desk.handlers['tasks.stop']({ id })).catch(() => {});
    }
  });
});
