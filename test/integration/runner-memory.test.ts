// What the runner keeps per task must go when the task does: the soak (bench scenario 7) saw
// the desk's heap grow ~4 KB per finished task from the socket events' duplicate fingerprints.
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { tempDir } from '../helpers/temp';

let t: ReturnType<typeof tempDir>;
let desk: Desk;
beforeEach(async () => {
  t = tempDir();
  desk = await createDesk({
    dbPath: join(t.dir, 'm.db'),
    host: 'browser',
    recover: false,
    sandbox: { timeScale: 0.01 },
  });
});
afterEach(async () => {
  await desk.close();
  t.cleanup();
});

it('forgets a session’s event fingerprints once its task has finished', async () => {
  const ids: string[] = [];
  for (let i = 0; i < 4; i++)
    ids.push(
      (
        await desk.handlers['tasks.create']({
          prompt: `Fingerprints ${i} [duration:120s]`,
          startingUrl: null,
          mode: 'oneshot',
          keepSessionOpen: false,
          priority: 0,
          tags: [],
        })
      ).id,
    );
  const ended = await Promise.all(ids.map((id) => desk.waitForSettled(id)));
  expect(ended.map((v) => v.status)).toEqual(['completed', 'completed', 'completed', 'completed']);
  // The follower's dedup is private; reached here only to count what it still holds.
  const dedup = (desk.runner as unknown as { socketFollower: { dedup: { sessions: number } } })
    .socketFollower.dedup;
  expect(dedup.sessions).toBe(0);
});
