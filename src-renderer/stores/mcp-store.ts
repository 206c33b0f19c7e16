// AI assistants (MCP): the person's settings for them, and the tasks they asked for that wait
// for approval (pushed by the core whenever that list changes, also from another process).
import { create } from 'zustand';
import type { DeskEvent, McpApproval, McpSettings } from '../../src-main/contract/index';
import { deskClient } from '../api/desk-client';
import { attempt, toastInfo } from './toast-store';

interface McpState {
  settings: McpSettings | null;
  approvals: McpApproval[];
  deciding: Record<string, true>;
  load(): Promise<void>;
  save(patch: Partial<McpSettings>): Promise<boolean>;
  decide(id: string, approve: boolean): Promise<void>;
  applyEvents(events: DeskEvent[]): void;
}

export const useMcpStore = create<McpState>((set, get) => ({
  settings: null,
  approvals: [],
  deciding: {},
  async load() {
    const [settings, approvals] = await Promise.all([
      attempt(() => deskClient().call('mcp.settings.get', {})),
      attempt(() => deskClient().call('mcp.approvals.list', {})),
    ]);
    set({ ...(settings ? { settings } : {}), ...(approvals ? { approvals } : {}) });
  },
  async save(patch) {
    const settings = await attempt(() => deskClient().call('mcp.settings.update', patch));
    if (!settings) return false;
    set({ settings });
    toastInfo('AI assistant settings saved.');
    return true;
  },
  async decide(id, approve) {
    set({ deciding: { ...get().deciding, [id]: true } });
    const approvals = await attempt(() =>
      deskClient().call('mcp.approvals.decide', { id, approve }),
    );
    const { [id]: _done, ...deciding } = get().deciding;
    set({ deciding, ...(approvals ? { approvals } : {}) });
  },
  applyEvents(events) {
    let latest: McpApproval[] | null = null;
    for (const event of events) if (event.name === 'mcp.approvals') latest = event.payload;
    if (latest) set({ approvals: latest });
  },
}));
