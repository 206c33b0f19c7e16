// Starts the integrity worker for one check and resolves with what it found. The worker file
// sits next to this module in the source tree and next to the main bundle once built.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

export interface CheckResult {
  /** error: the check itself could not run; interrupted: stopped because the app closed. */
  outcome: 'ok' | 'damaged' | 'error' | 'interrupted';
  /** quick_check's messages when it found damage (at most 20), or why it could not run. */
  problems: string[];
  durationMs: number;
}

export interface RunningCheck {
  result: Promise<CheckResult>;
  /** Stops the worker (the app is closing); the result then says the check was interrupted. */
  cancel(): void;
}

function workerFile(): URL {
  for (const name of ['./integrity-worker.mjs', './integrity-worker.js']) {
    const url = new URL(name, import.meta.url);
    if (existsSync(fileURLToPath(url))) return url;
  }
  throw new Error('integrity-worker.mjs is missing next to the app');
}

export function runIntegrityCheck(path: string, nativeBinding?: string): RunningCheck {
  let worker: Worker;
  try {
    // No execArgv: the worker is plain JavaScript and needs no loader (and inherits none).
    worker = new Worker(workerFile(), {
      workerData: { path, nativeBinding: nativeBinding ?? null, maxErrors: 20 },
      execArgv: [],
    });
  } catch (error) {
    return {
      result: Promise.resolve({
        outcome: 'error',
        problems: [`the check could not start: ${(error as Error).message}`],
        durationMs: 0,
      }),
      cancel: () => {},
    };
  }
  let cancelled = false;
  const result = new Promise<CheckResult>((resolve) => {
    worker.once('message', (message: CheckResult) => resolve(message));
    worker.once('error', (error) =>
      resolve({
        outcome: 'error',
        problems: [`the check failed: ${error.message}`],
        durationMs: 0,
      }),
    );
    worker.once('exit', (code) =>
      resolve({
        outcome: cancelled ? 'interrupted' : 'error',
        problems: [`the check stopped before it finished (exit ${code})`],
        durationMs: 0,
      }),
    );
  });
  return {
    result,
    cancel: () => {
      cancelled = true;
      void worker.terminate();
    },
  };
}
