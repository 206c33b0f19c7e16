// Polling a task to its end straight through WebRunClient, for the contract tests that follow
// one task's answers without the runner.
import type { WebRunClient } from '../../src-main/core/webrun/client';
import type { TaskOutcome } from '../../src-main/core/webrun/types';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls every 5 ms until the outcome is final (anything but pending/running), recording each answer. */
export async function pollToEnd(
  client: WebRunClient,
  target: { sessionId: string | null; taskId: string | null },
  seen: TaskOutcome[] = [],
): Promise<TaskOutcome> {
  // A safety net: the tasks below last seconds of wall time, and a loaded machine is slow.
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const outcome = await client.pollTask(target);
    seen.push(outcome);
    if (outcome.state !== 'running' && outcome.state !== 'pending') return outcome;
    await sleep(5);
  }
  throw new Error(`task never finished; last ${seen.at(-1)?.raw}`);
}
