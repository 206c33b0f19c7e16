// AI assistants (MCP): their settings, and the approve / reject of a task an assistant asked
// for. Approving only records the person's word; the MCP process that holds the request sees
// it (through the shared history) and sends the task itself, so the runner here never does.
import { DeskError } from '../../contract/dispatch';
import { McpSettings, type DeskHandlers, type McpApproval } from '../../contract/index';
import type { HostLeases } from '../store/host-leases';
import type { SettingsStore } from '../settings/settings-store';
import { writableCheck } from '../store/writable';
import type { McpRequest, McpRequestsStore } from './mcp-requests-store';

export interface McpContext {
  /** Where the assistants' settings are kept. */
  settingsStore: SettingsStore;
  now: () => number;
  readOnlyReason: string | null;
  mcpRequests: McpRequestsStore;
  leases: Pick<HostLeases, 'isAlive'>;
  /** Tells the UI the list of approvals has changed. */
  approvalsChanged: () => void;
}

type McpMethod = Extract<keyof DeskHandlers, `mcp.${string}`>;

function approvalOf(request: McpRequest): McpApproval {
  const input = (request.input ?? {}) as { startingUrl?: unknown };
  return {
    id: request.id,
    client: request.client,
    prompt: request.prompt,
    startingUrl: typeof input.startingUrl === 'string' ? input.startingUrl : null,
    costCap: request.costCap,
    createdAt: request.createdAt,
  };
}

/** Requests whose MCP process is still there to send them (a dead one's would wait for ever). */
export function pendingApprovals(ctx: Pick<McpContext, 'mcpRequests' | 'leases'>): McpApproval[] {
  return ctx.mcpRequests
    .awaitingApproval()
    .filter((r) => ctx.leases.isAlive(r.hostId))
    .map(approvalOf);
}

export function mcpHandlers(ctx: McpContext): Pick<DeskHandlers, McpMethod> {
  const writable = writableCheck(ctx.readOnlyReason);
  return {
    'mcp.settings.get': () => ctx.settingsStore.get('mcp', McpSettings),
    'mcp.settings.update': (patch) => {
      writable();
      const next = McpSettings.parse({ ...ctx.settingsStore.get('mcp', McpSettings), ...patch });
      ctx.settingsStore.set('mcp', next);
      return next;
    },
    'mcp.approvals.list': () => pendingApprovals(ctx),
    'mcp.approvals.decide': (input) => {
      writable();
      const request = ctx.mcpRequests.get(input.id);
      if (!request) throw new DeskError('not_found', `No assistant's request with id ${input.id}.`);
      if (
        !ctx.mcpRequests.transition(
          input.id,
          'awaiting_approval',
          input.approve ? 'approved' : 'rejected',
          ctx.now(),
        )
      ) {
        throw new DeskError(
          'conflict',
          request.status === 'withdrawn'
            ? 'The assistant stopped waiting for this task; nothing was sent.'
            : 'This request has already been decided.',
        );
      }
      ctx.approvalsChanged();
      return pendingApprovals(ctx);
    },
  };
}
