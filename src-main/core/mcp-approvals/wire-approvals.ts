// The assistants' requests on a desk: their store (which process runs which assistant's task,
// and the requests waiting for the person's word), the mcp.* methods, and the approvals list
// pushed to the UI whenever it changes (a decision here, a request or a death elsewhere).
import type Database from 'better-sqlite3';
import type { DeskEvent } from '../../contract/index';
import type { SettingsStore } from '../settings/settings-store';
import type { HostLeases } from '../store/host-leases';
import { mcpHandlers, pendingApprovals } from './mcp-handlers';
import { McpRequestsStore } from './mcp-requests-store';

export interface Approvals {
  requests: McpRequestsStore;
  /** Pushes the approvals list if it changed since it was last pushed. */
  publish(): void;
  handlers: ReturnType<typeof mcpHandlers>;
}

export function wireApprovals(o: {
  db: Database.Database;
  settingsStore: SettingsStore;
  leases: Pick<HostLeases, 'isAlive'>;
  now: () => number;
  readOnlyReason: string | null;
  emit: (event: DeskEvent) => void;
}): Approvals {
  const requests = new McpRequestsStore(o.db);
  let pushed = '[]';
  const publish = (): void => {
    const list = pendingApprovals({ mcpRequests: requests, leases: o.leases });
    const text = JSON.stringify(list);
    if (text !== pushed) o.emit({ name: 'mcp.approvals', payload: list });
    pushed = text;
  };
  return {
    requests,
    publish,
    handlers: mcpHandlers({
      settingsStore: o.settingsStore,
      now: o.now,
      readOnlyReason: o.readOnlyReason,
      mcpRequests: requests,
      leases: o.leases,
      approvalsChanged: publish,
    }),
  };
}
