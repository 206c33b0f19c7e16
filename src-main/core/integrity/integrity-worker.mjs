// Runs PRAGMA quick_check on its own read-only connection, in a worker thread, so a check of a
// large history never blocks the main thread's event loop. Plain JavaScript, so the same file
// runs under tsx, in tests and next to the bundled main process.
import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';

const { path, nativeBinding, maxErrors } = workerData;
const started = performance.now();
try {
  const db = new Database(path, {
    readonly: true,
    fileMustExist: true,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
  try {
    db.pragma('busy_timeout = 5000');
    const problems = db
      .pragma(`quick_check(${Number(maxErrors) || 20})`, { simple: false })
      .map((row) => String(Object.values(row)[0]));
    const ok = problems.length === 1 && problems[0] === 'ok';
    parentPort.postMessage({
      outcome: ok ? 'ok' : 'damaged',
      problems: ok ? [] : problems,
      durationMs: performance.now() - started,
    });
  } finally {
    db.close();
  }
} catch (error) {
  parentPort.postMessage({
    outcome: 'error',
    problems: [
      `the check could not run: ${error instanceof Error ? error.message : String(error)}`,
    ],
    durationMs: performance.now() - started,
  });
}
