// The desk a WebRun-facing command runs on: the same core as the app, configured from the
// command line (--db, --base-url) over the environment.
import { existsSync } from 'node:fs';
import { resolveConfig } from '../core/config';
import { historyWritable } from '../core/store/read-only-open';
import { StoreError } from '../core/store/store-error';
import { createDesk, type Desk, type DeskOptions } from '../core/desk';
import type { Progress } from './command';

export const DESK_OPTIONS = { db: { type: 'string' }, 'base-url': { type: 'string' } } as const;

export function cliDesk(options: {
  db?: string;
  baseUrl?: string;
  recover: boolean;
  progress: Progress;
  holdOwnTasks?: DeskOptions['holdOwnTasks'];
  runner?: DeskOptions['runner'];
  onStorageFailure?: DeskOptions['onStorageFailure'];
  /** The command can do its job on a history it cannot write (serve shows it, sessions lists). */
  readsOnly?: boolean;
  runWatches?: boolean;
}): Promise<Desk> {
  const config = resolveConfig({ dbPath: options.db, baseUrl: options.baseUrl });
  // Refused before anything starts: a task sent from here could not be recorded.
  if (!options.readsOnly && existsSync(config.dbPath) && !historyWritable(config.dbPath))
    throw new StoreError(
      `The history database ${config.dbPath} cannot be written by this user (it or its folder is read-only), so nothing can be sent or stored from it; the commands that only read it (history, spend, export, check, sessions, batches, compare and the list actions) still can.`,
    );
  return createDesk({
    dbPath: config.dbPath,
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    host: 'browser',
    sandbox: {
      timeScale: config.sandboxTimeScale,
      expiryScale: config.sandboxExpiryScale,
      balance: config.sandboxBalance,
    },
    sandboxScope: 'history',
    sandboxQuietMs: config.sandboxQuietMs,
    recover: options.recover,
    log: options.progress,
    holdOwnTasks: options.holdOwnTasks,
    runWatches: options.runWatches,
    ...(options.runner ? { runner: options.runner } : {}),
    ...(options.onStorageFailure ? { onStorageFailure: options.onStorageFailure } : {}),
  });
}
