// AI assistants (MCP): the settings a person sets for them, and the tasks they asked for that
// wait for the person's approval. The MCP tools' own input shapes are built from the same
// pieces (src-main/mcp/tool-schemas.ts), so an assistant and the composer are held to one rule.
import { type MethodSpec, None } from './common';
import type { MethodName } from './names';
import { patchOf } from './patch';
import { z } from './zod';

export const McpSettings = z.object({
  /** Off: every tool call is refused with a sentence saying where to turn it on. */
  enabled: z.boolean().default(true),
  /** The most one assistant's call may spend (its costCap); null: no maximum of its own. */
  maxCostPerCall: z.number().positive().max(10_000).nullable().default(1),
  /** An assistant's task waits in the inbox for "approve" before anything is sent. */
  requireApproval: z.boolean().default(false),
  /**
   * The longest a run_browser_task call waits before it answers with the task's id and state
   * (the task goes on; get_browser_task follows it). Below the 60 s many clients give up after.
   */
  callWaitSeconds: z.number().int().min(5).max(3_600).default(50),
  /** A call the assistant cancels leaves its task running (and billing) instead of stopping it. */
  keepRunningOnCancel: z.boolean().default(false),
});
export type McpSettings = z.infer<typeof McpSettings>;

export const McpSettingsPatch = patchOf(McpSettings);

/** A task an assistant asked for, waiting for the person's approve or reject. */
export const McpApproval = z.object({
  id: z.string(),
  /** The assistant's name from the MCP handshake (clientInfo.name). */
  client: z.string(),
  prompt: z.string(),
  startingUrl: z.string().nullable(),
  costCap: z.number().nullable(),
  createdAt: z.number(),
});
export type McpApproval = z.infer<typeof McpApproval>;

export const McpDecisionInput = z.strictObject({
  id: z.string().min(1).max(64),
  approve: z.boolean(),
});

export const mcpMethods = {
  'mcp.settings.get': { input: None, output: McpSettings },
  'mcp.settings.update': { input: McpSettingsPatch, output: McpSettings },
  'mcp.approvals.list': { input: None, output: z.array(McpApproval) },
  'mcp.approvals.decide': { input: McpDecisionInput, output: z.array(McpApproval) },
} satisfies Partial<Record<MethodName, MethodSpec>>;
