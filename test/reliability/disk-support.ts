// Shared by the disk tests: a seeded history, a command that may be refused, a disk filled up.
import { execFileSync } from 'node:child_process';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { openStore } from '../../src-main/core/store/open-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';

/** A history with one finished task in it, closed cleanly. */
export function seeded(dbPath: string, id = 'kept-task'): void {
  const opened = openStore(dbPath);
  const store = new TaskStore(opened.db);
  store.create({
    id,
    prompt: 'A task the user must not lose',
    startingUrl: null,
    createdAt: Date.now(),
  });
  store.update(id, { status: 'completed', resultMessage: 'the answer', endedAt: Date.now() });
  opened.db.close();
}

export function tryRun(cmd: string, args: string[]): boolean {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Fills what is left of the filesystem; returns a function that frees it again. */
export function fillUp(dir: string): () => void {
  const filler = join(dir, 'filler.bin');
  const fd = openSync(filler, 'w');
  const chunk = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: the disk is full.
  } finally {
    closeSync(fd);
  }
  return () => writeFileSync(filler, '');
}
