// One process of the claim race (claim-race.test.ts), run with `node --import tsx`: it opens the
// history on its own connection, reads the queue as the runner does before it claims (every row
// queued), waits for the word go on stdin so both processes claim at once, then claims every row
// it read and prints the ids it won, one JSON line.
import { createInterface } from 'node:readline';
import { openStore } from '../../../src-main/core/store/open-store';
import { TaskStore } from '../../../src-main/core/tasks/task-store';

const [dbPath, hostId] = process.argv.slice(2) as [string, string];
const { db } = openStore(dbPath);
const store = new TaskStore(db);
const seen = store.queuedIds(10_000, 0).map((row) => row.id);
process.stdout.write(`ready ${seen.length}\n`);
const lines = createInterface({ input: process.stdin });
lines.once('line', () => {
  const won: string[] = [];
  for (const id of seen) if (store.claim(id, Date.now(), hostId)) won.push(id);
  process.stdout.write(`${JSON.stringify(won)}\n`);
  lines.close();
  db.close();
});
