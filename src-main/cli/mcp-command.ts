// `webrun-desk mcp`: an MCP server over stdio for AI assistants (Claude Desktop, Cursor, agent
// frameworks), on the same history and budget as the app. Runs until the client closes stdin.
import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { keepStdoutForProtocol, startMcpServer, type McpHost } from '../mcp/server';
import { baseUrlOption, usageErrors } from './args';
import { cliDesk, DESK_OPTIONS } from './cli-desk';
import { closeOnSignals } from './host-close';
import type { Progress } from './command';

/**
 * Timed polls of the MCP server's tasks while their socket is healthy. The app polls a minute
 * apart then (the socket announces every change), but an assistant waiting on a call reads the
 * running cost from its progress, and only polls carry it (WebRun asks for polls 2–3 s apart).
 */
const MCP_HEALTHY_POLL_MS = 2_500;

export async function mcpCommand(argv: string[], progress: Progress): Promise<null> {
  const { values } = usageErrors(() =>
    parseArgs({ args: argv, strict: true, options: DESK_OPTIONS }),
  );
  keepStdoutForProtocol();
  // Its own tasks only, held while it lives: the app open on the same history leaves them be.
  const desk = await cliDesk({
    db: values.db,
    baseUrl: baseUrlOption(values['base-url']),
    recover: false,
    progress,
    holdOwnTasks: { kind: 'mcp' },
    runner: { healthyPollIntervalMs: MCP_HEALTHY_POLL_MS },
  });
  const transport = new StdioServerTransport();
  let host: McpHost | null = null;
  // Its log is stderr: stdout carries the protocol alone.
  const close = closeOnSignals({
    desk,
    progress,
    again: 'Ctrl+C or SIGTERM again to quit now',
    stopTaking: () => transport.close(),
    promised: () => host?.submissions.unsent(desk) ?? [],
    afterWait: () => {
      const left = host?.submissions.unsent(desk) ?? [];
      if (left.length > 0)
        progress(
          `${left.length} task(s) not yet sent (${left.join(', ')}); WebRun Desk takes them over when it is open on this history.`,
        );
    },
  });
  transport.onclose = () => void close.stop();
  process.stdin.once('end', () => void close.stop());
  host = await startMcpServer({ desk, transport, log: progress });
  progress(`WebRun Desk MCP server ready (history: ${desk.info.dbPath}).`);
  return null;
}
