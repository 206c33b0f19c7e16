// A busy machine runs the sandbox's timers late, all at once. A task whose plan ends inside
// run-task's 50 s window must still answer inline: when the window's timer fires, every step
// the plan puts inside the window happens first, whatever order the late timers run in.
// The fault is real: the event loop is blocked (and the block is measured) after the task starts.
import { afterEach, describe, expect, it } from 'vitest';
import { Scheduler } from '../../src-main/sandbox/scheduler.ts';
import { planTask } from '../../src-main/sandbox/simulation.ts';
import { SimTask } from '../../src-main/sandbox/task.ts';

const SCALE = 0.001; // 1 real ms = 1 simulated second
const WINDOW = 50_000;

function blockFor(ms: number): number {
  const start = performance.now();
  while (performance.now() - start < ms) {
    // a busy machine: no timer can run meanwhile
  }
  return performance.now() - start;
}

describe('sandbox under a busy event loop', () => {
  const scheduler = new Scheduler();
  afterEach(() => scheduler.close());

  it('answers inline a task planned to end inside the window, even when its step timers run late', async () => {
    const plan = planTask(
      {
        prompt: 'Find the price [duration:20s]',
        startingUrl: null,
        maxDurationMs: 300_000,
        outputType: 'text',
        outputSchema: null,
      },
      1,
    );
    expect(plan.endMs).toBeLessThan(WINDOW);
    expect(plan.events.length).toBeGreaterThan(3);
    const task = new SimTask('s1', plan, false, {
      scheduler,
      timeScale: SCALE,
      emit: () => {},
      registerFile: () => ({ downloadUrl: 'http://127.0.0.1/f' }),
      onAction: () => {},
      onFinish: () => {},
    });
    task.start();
    const window = task.settled(WINDOW * SCALE);
    // Longer than the whole window: every timer is overdue when the loop wakes up.
    expect(blockFor(3 * WINDOW * SCALE)).toBeGreaterThanOrEqual(3 * WINDOW * SCALE);
    await window;
    expect(task.state).toBe('completed');
  });
});
