// The MCP host: WebRun Desk's core behind the official MCP SDK, so an AI assistant runs
// browser tasks that are queued, budgeted and recorded like the person's own. Over stdio,
// stdout carries nothing but protocol: everything else this process says goes to stderr.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { Desk } from '../core/desk';
import { Submissions } from './submissions';
import { DeskTaskStore } from './task-store';
import { registerTools } from './tools';
import { jsonText, writeErr } from '../cli/terminal-text';

export interface McpHostOptions {
  desk: Desk;
  transport: Transport;
  log: (line: string) => void;
}

export interface McpHost {
  server: McpServer;
  /** The tasks its tools queued: finish sending them before exiting (submissions.ts). */
  submissions: Submissions;
}

export async function startMcpServer(options: McpHostOptions): Promise<McpHost> {
  const taskStore = new DeskTaskStore();
  const submissions = new Submissions();
  const server = new McpServer(
    { name: 'webrun-desk', title: 'WebRun Desk', version: options.desk.info.version },
    {
      // Task-augmented tools/call (MCP tasks): a client that asks gets a handle at once.
      capabilities: {
        tools: {},
        tasks: { list: {}, cancel: {}, requests: { tools: { call: {} } } },
      },
      taskStore,
      instructions:
        "Runs browser tasks on WebRun through the person's WebRun Desk: every task is in their history and within their budget. Questions the browser agent asks go to the person in WebRun Desk, not to you.",
    },
  );
  registerTools(
    server,
    {
      desk: options.desk,
      // From the handshake; an assistant that names itself nothing is still marked as one.
      clientName: () => server.server.getClientVersion()?.name?.trim() || 'AI assistant',
      log: options.log,
      started: (id) => submissions.track(id),
      notes: new Map(),
    },
    taskStore,
  );
  await server.connect(options.transport);
  return { server, submissions };
}

/**
 * Sends whatever else would print to stdout (a library's console.log) to stderr instead: one
 * stray line there would corrupt the protocol stream. Made inert: it may quote a web page.
 */
export function keepStdoutForProtocol(): void {
  const toStderr = (...args: unknown[]): void => {
    writeErr(`${args.map((a) => (typeof a === 'string' ? a : jsonText(a))).join(' ')}\n`);
  };
  console.log = toStderr;
  console.info = toStderr;
  console.debug = toStderr;
  console.warn = toStderr;
}
