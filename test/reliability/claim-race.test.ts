// Two processes claim the same queued rows at once (issue 22): each has read every row as queued,
// as the runner does before its claim (the read and the claim are apart by an await for the rate
// limit's slot), and then claims them all. The claim's `status = 'queued'` guard is what makes
// exactly one of them win each row; without it both win every row and each task would be sent
// twice. The multi-process chaos test cannot see that: its hold on a claimed task (the lease)
// already keeps the second desk from sending it.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src-main/core/store/open-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';
import { tempDir } from '../helpers/temp';

const ROWS = 200;
const RACER = join(import.meta.dirname, 'multi-process/claim-racer.ts');
const t = tempDir('webrun-claim-race-');
afterAll(() => t.cleanup());

interface Racer {
  child: ChildProcess;
  /** Each line it prints, in order. */
  next: () => Promise<string>;
}

function startRacer(db: string, hostId: string): Racer {
  const child = spawn(process.execPath, ['--import', 'tsx', RACER, db, hostId], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout! });
  const queue: string[] = [];
  const waiting: ((line: string) => void)[] = [];
  lines.on('line', (line) => (waiting.shift() ?? ((l: string) => queue.push(l)))(line));
  return {
    child,
    next: () =>
      new Promise((resolve) => {
        const line = queue.shift();
        if (line !== undefined) resolve(line);
        else waiting.push(resolve);
      }),
  };
}

describe('two processes claiming the same queued rows', () => {
  it('each row is won by exactly one of them', async () => {
    const db = join(t.dir, 'history.db');
    const opened = openStore(db);
    const store = new TaskStore(opened.db);
    for (let i = 0; i < ROWS; i++)
      store.create({
        id: `task-${i}`,
        prompt: `Task ${i}`,
        startingUrl: null,
        createdAt: 1_000 + i,
      });
    opened.db.close();

    const racers = [startRacer(db, 'host-a'), startRacer(db, 'host-b')];
    // Both have read every row as queued before either claims one.
    expect(await Promise.all(racers.map((r) => r.next()))).toEqual([
      `ready ${ROWS}`,
      `ready ${ROWS}`,
    ]);
    for (const racer of racers) racer.child.stdin!.write('go\n');
    const [a, b] = (await Promise.all(racers.map((r) => r.next()))).map(
      (line) => JSON.parse(line) as string[],
    );
    const twice = a!.filter((id) => b!.includes(id));
    expect(twice, `${twice.length} rows claimed by both processes`).toEqual([]);
    expect(a!.length + b!.length).toBe(ROWS);

    // The history agrees: every row submitting once, held by the process that won it.
    const after = openStore(db);
    const rows = after.db
      .prepare(
        `SELECT t.status, h.host_id AS holder, (SELECT count(*) FROM task_events e
           WHERE e.task_id = t.id AND e.to_status = 'submitting') AS claims
         FROM tasks t LEFT JOIN task_holders h ON h.task_id = t.id`,
      )
      .all() as { status: string; holder: string; claims: number }[];
    after.db.close();
    expect(rows.filter((r) => r.status !== 'submitting' || r.claims !== 1)).toEqual([]);
    expect(rows.filter((r) => r.holder === 'host-a')).toHaveLength(a!.length);
  }, 120_000);
});
