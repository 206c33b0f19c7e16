// The stores one desk opens on its history, and its WebRun client: built first, in this order,
// by wireDesk (desk.ts), before anything that uses them.
import { randomUUID } from 'node:crypto';
import { dirname, join } from 'node:path';
import type { DeskOptions, StartedBackend } from './desk-types';
import type { BalanceReport } from './webrun/balance';
import { HistoryStore } from './history/history-store';
import { HostLeases } from './store/host-leases';
import { McpRequestsStore } from './mcp-approvals/mcp-requests-store';
import type { openStore } from './store/open-store';
import { SessionStore } from './sessions/session-store';
import { TaskDetailsStore } from './tasks/task-details-store';
import { TaskStore } from './tasks/task-store';
import { WebRunClient } from './webrun/client';
import { SlidingWindowLimiter } from './webrun/rate-limiter';

/** Where the secrets file and the copied files live: beside the history. */
export function dataDirOf(dbPath: string): string {
  return dbPath === ':memory:' ? process.cwd() : dirname(dbPath);
}

export function deskStores(
  options: DeskOptions,
  opened: ReturnType<typeof openStore>,
  backend: StartedBackend,
) {
  return {
    store: new TaskStore(opened.db, Date.now, backend.inactivityMs),
    details: new TaskDetailsStore(opened.db),
    history: new HistoryStore(opened.db, backend.inactivityMs),
    sessions: new SessionStore(opened.db, randomUUID(), backend.inactivityMs),
    filesDir: options.filesDir ?? join(dataDirOf(opened.path), 'files'),
    leases: new HostLeases(opened.db),
    mcpRequests: new McpRequestsStore(opened.db),
  };
}

/** WebRun's client, under the desk's rate limit (10 a minute unless told otherwise). */
export function deskClient(
  options: DeskOptions,
  backend: StartedBackend,
  onBalance: (reading: BalanceReport) => void,
) {
  const rateLimit =
    options.rateLimit === undefined ? { max: 10, windowMs: 60_000 } : options.rateLimit;
  const client = new WebRunClient({
    baseUrl: backend.baseUrl,
    apiKey: backend.apiKey,
    generation: backend.generation,
    limiter: rateLimit ? new SlidingWindowLimiter(rateLimit) : null,
    timeouts: options.clientTimeouts,
    onBalance,
  });
  return { client, rateLimit };
}
