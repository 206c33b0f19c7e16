// The desk a WebRun-facing command runs on: the same core as the app, configured from the
// command line (--db, --base-url) over the environment.
import { resolveConfig } from '../core/config';
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
  runWatches?: boolean;
}): Promise<Desk> {
  const config = resolveConfig({ dbPath: options.db, baseUrl: options.baseUrl });
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
    recover: options.recover,
    log: options.progress,
    holdOwnTasks: options.holdOwnTasks,
    runWatches: options.runWatches,
    ...(options.runner ? { runner: options.runner } : {}),
    ...(options.onStorageFailure ? { onStorageFailure: options.onStorageFailure } : {}),
  });
}
