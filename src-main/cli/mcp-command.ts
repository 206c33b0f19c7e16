// `webrun-desk mcp`: an MCP server over stdio for AI assistants (Claude Desktop, Cursor, agent
// frameworks), on the same history and budget as the app. Runs until the client closes stdin.
import { parseArgs } from 'node:util';
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import { keepStdoutForProtocol, startMcpServer, type McpHost } from '../mcp/server';
import { baseUrlOption, usageErrors } from './args';
import { cliDesk, DESK_OPTIONS } from './cli-desk';
import type { Progress } from './command';

/**
 * Timed polls of the MCP server's tasks while their socket is healthy. The app polls a minute
 * apart then (the socket announces every change), but an assistant waiting on a call reads the
 * running cost from its progress, and only polls carry it (WebRun asks for polls 2–3 s apart).
 */
const MCP_HEALTHY_POLL_MS = 2_500;
/** How long an exit waits for the tasks it queued to be answered by WebRun (submissions.ts). */
const SETTLE_BEFORE_EXIT_MS = 60_000;

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
  let stopping = false;
  let host: McpHost | null = null;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await transport.close().catch(() => {});
    if (host && host.submissions.pending(desk).length > 0) {
      progress('Finishing the submission of tasks this server queued before exiting…');
      const left = await host.submissions.settle(desk, SETTLE_BEFORE_EXIT_MS);
      if (left.length > 0)
        progress(
          `${left.length} task(s) not yet sent (${left.join(', ')}); WebRun Desk takes them over when it is open on this history.`,
        );
    }
    await desk.close();
    process.exit(0);
  };
  transport.onclose = () => void stop();
  process.stdin.once('end', () => void stop());
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  host = await startMcpServer({ desk, transport, log: progress });
  progress(`WebRun Desk MCP server ready (history: ${desk.info.dbPath}).`);
  return null;
}
