// webrun-desk: the command-line host of the same core the desktop app uses. It must never
// import Electron (the lint rule enforces it), which is what proves the core Electron-free.
// Every subcommand lives in its own module and is registered below with one line; this file
// only dispatches, answers --help, and turns errors into one line and an exit code.
import { StoreError } from '../core/store/open-store';
import { storageProblem } from '../core/store/storage-errors';
import { UsageError, wantsHelp } from './args';
import type { CliCommand } from './command';
import { BATCH_USAGE, batchCommand } from './batch-command';
import {
  BATCH_STATUS_USAGE,
  BATCHES_USAGE,
  batchesCommand,
  batchStatusCommand,
} from './batches-command';
import { CHECK_USAGE, checkCommand } from './check-command';
import { ENV_USAGE, envCommand } from './env-command';
import { EXPORT_USAGE, exportCommand } from './export-command';
import { HISTORY_USAGE, historyCommand } from './history-command';
import { MCP_USAGE, mcpCommand } from './mcp-command';
import { IMPORT_RUNS_USAGE, importRunsCommand } from './import-runs-command';
import { RESUME_USAGE, resumeCommand } from './resume-command';
import { RUN_USAGE, runCommand } from './run-command';
import { SANDBOX_USAGE, sandboxCommand } from './sandbox-command';
import { SERVE_USAGE, serveCommand } from './serve-command';
import { SESSIONS_USAGE, sessionsCommand } from './sessions-command';
import { SPEND_USAGE, spendCommand } from './spend-command';
import { TRIGGERS_USAGE, triggersCommand } from './triggers-command';

/** The command registry: one line per command, in the order `--help` lists them. */
const COMMANDS: Record<string, CliCommand> = {
  run: { usage: RUN_USAGE, run: runCommand },
  resume: { usage: RESUME_USAGE, run: resumeCommand },
  batch: { usage: BATCH_USAGE, run: batchCommand },
  batches: { usage: BATCHES_USAGE, run: batchesCommand },
  'batch-status': { usage: BATCH_STATUS_USAGE, run: batchStatusCommand },
  history: { usage: HISTORY_USAGE, run: historyCommand },
  spend: { usage: SPEND_USAGE, run: spendCommand },
  export: { usage: EXPORT_USAGE, run: exportCommand },
  check: { usage: CHECK_USAGE, run: checkCommand },
  sessions: { usage: SESSIONS_USAGE, run: sessionsCommand },
  env: { usage: ENV_USAGE, run: envCommand },
  triggers: { usage: TRIGGERS_USAGE, run: triggersCommand },
  'import-runs': { usage: IMPORT_RUNS_USAGE, run: importRunsCommand },
  serve: { usage: SERVE_USAGE, run: serveCommand },
  sandbox: { usage: SANDBOX_USAGE, run: sandboxCommand },
  mcp: { usage: MCP_USAGE, run: mcpCommand },
};

/** Each usage's first line, "synopsis    summary", as two aligned columns. */
function synopses(lines: string[]): string {
  const rows = lines.map((l) => l.split(/ {3,}/));
  const width = Math.max(...rows.map((r) => r[0]!.length));
  return rows
    .map(([synopsis, summary]) => `  ${synopsis!.padEnd(width)}  ${summary ?? ''}`.trimEnd())
    .join('\n');
}

function help(): string {
  return `webrun-desk: run WebRun browser-agent tasks and keep their history

Usage:
${synopses([...Object.values(COMMANDS).map((c) => c.usage.split('\n')[0]!), "webrun-desk <command> --help    that command's options", 'webrun-desk --help    this text'])}

Environment:
  WEBRUN_API_KEY             your WebRun API key; without it the built-in sandbox is used
  WEBRUN_BASE_URL            WebRun's address (default https://connect.webrun.ai)
  WEBRUN_DESK_DB             the history database (default in your user data folder)
  WEBRUN_SANDBOX_TIME_SCALE  speed of simulated tasks (default 0.1: ten times real time)

Exit codes (run, batch, resume): 0 completed, 1 failed/stopped/cancelled, 2 bad usage,
  3 needs input and nobody to ask, 4 outcome unknown.`;
}

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

export async function main(argv: string[]): Promise<number | null> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(`${help()}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`unknown command "${name}"; see webrun-desk --help`);
  if (wantsHelp(rest)) {
    process.stdout.write(`Usage: ${command.usage}\n`);
    return 0;
  }
  return command.run(rest, progress);
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    const code = await main(argv);
    if (code !== null) process.exitCode = code;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`webrun-desk: ${error.message}\n`);
      process.exitCode = 2;
    } else if (error instanceof StoreError) {
      process.stderr.write(`webrun-desk: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write(
        `webrun-desk: ${storageProblem(error) ?? (error as Error)?.message ?? String(error)}\n`,
      );
      process.exitCode = 1;
    }
  }
}
