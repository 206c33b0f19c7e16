// One starter at a time per history: `<history>.sandbox.lock`, created with O_EXCL and holding
// the starter's pid. A lock whose holder is dead (killed mid-start) is taken over; the takeover
// moves the lock aside with rename, which only one process can do to a given file, so two
// processes that both find the same stale lock do not both take it. The sandbox file's own
// exclusive publish (sandbox-file.ts) stays the final word if a lock is ever taken twice.
import { randomBytes } from 'node:crypto';
import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { pidAlive } from './pid';

/** A lock older than this with no readable pid is a starter that died between open and write. */
const UNREADABLE_STALE_MS = 10_000;

export function lockPath(historyPath: string): string {
  return `${historyPath}.sandbox.lock`;
}

/** Runs work while holding the history's start lock; waits up to timeoutMs for another starter. */
export async function withStartLock<T>(
  historyPath: string,
  work: () => Promise<T>,
  timeoutMs = 60_000,
): Promise<T> {
  const path = lockPath(historyPath);
  const deadline = Date.now() + timeoutMs;
  while (!tryLock(path)) {
    if (Date.now() > deadline)
      throw new Error(
        `Another process has been starting this history's sandbox for ${Math.round(timeoutMs / 1000)} s (lock ${path}); if none is running, remove that file.`,
      );
    takeOverIfStale(path);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  try {
    return await work();
  } finally {
    if (holder(path) === process.pid) rmSync(path, { force: true });
  }
}

function tryLock(path: string): boolean {
  try {
    writeFileSync(path, String(process.pid), { flag: 'wx', mode: 0o600 });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

function holder(path: string): number | null {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

function takeOverIfStale(path: string): void {
  const pid = holder(path);
  if (pid !== null && pidAlive(pid)) return;
  if (pid === null && !olderThan(path, UNREADABLE_STALE_MS)) return;
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    renameSync(path, aside);
  } catch {
    return; // someone else moved it first, or its holder released it
  }
  // Between the look and the rename a live starter may have taken the lock afresh: put it back.
  const moved = holder(aside);
  if (moved !== null && moved !== pid && pidAlive(moved)) {
    try {
      renameSync(aside, path);
      return;
    } catch {
      // fall through: the aside copy is removed below
    }
  }
  rmSync(aside, { force: true });
}

function olderThan(path: string, ms: number): boolean {
  try {
    return Date.now() - statSync(path).mtimeMs > ms;
  } catch {
    return false;
  }
}
