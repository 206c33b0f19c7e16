// webrun-desk: the command-line host of the same core the desktop app uses. It must never
// import Electron (the lint rule enforces it), which is what proves the core Electron-free.
// Every subcommand lives in its own module and is registered below with one entry; this file
// only dispatches, answers --help, and turns errors into one line and an exit code.
import { StoreError } from '../core/store/store-error';
import { storageProblem } from '../core/store/storage-errors';
import { UsageError, wantsHelp } from './args';
import type { CliCommand } from './command';
import * as usage from './usages';
import { writeErr, writeOut } from './terminal-text';

/**
 * The command registry: one entry per command, in the order `--help` lists them. Each module is
 * imported only when its command runs (the bundle splits it into its own chunk), so `--help`
 * loads this file, the usages and nothing else.
 */
const COMMANDS: Record<string, CliCommand> = {
  run: { usage: usage.RUN_USAGE, load: async () => (await import('./run-command')).runCommand },
  resume: {
    usage: usage.RESUME_USAGE,
    load: async () => (await import('./resume-command')).resumeCommand,
  },
  batch: {
    usage: usage.BATCH_USAGE,
    load: async () => (await import('./batch-command')).batchCommand,
  },
  batches: {
    usage: usage.BATCHES_USAGE,
    load: async () => (await import('./batches-command')).batchesCommand,
  },
  'batch-status': {
    usage: usage.BATCH_STATUS_USAGE,
    load: async () => (await import('./batches-command')).batchStatusCommand,
  },
  history: {
    usage: usage.HISTORY_USAGE,
    load: async () => (await import('./history-command')).historyCommand,
  },
  spend: {
    usage: usage.SPEND_USAGE,
    load: async () => (await import('./spend-command')).spendCommand,
  },
  export: {
    usage: usage.EXPORT_USAGE,
    load: async () => (await import('./export-command')).exportCommand,
  },
  check: {
    usage: usage.CHECK_USAGE,
    load: async () => (await import('./check-command')).checkCommand,
  },
  sessions: {
    usage: usage.SESSIONS_USAGE,
    load: async () => (await import('./sessions-command')).sessionsCommand,
  },
  env: { usage: usage.ENV_USAGE, load: async () => (await import('./env-command')).envCommand },
  triggers: {
    usage: usage.TRIGGERS_USAGE,
    load: async () => (await import('./triggers-command')).triggersCommand,
  },
  'import-runs': {
    usage: usage.IMPORT_RUNS_USAGE,
    load: async () => (await import('./import-runs-command')).importRunsCommand,
  },
  serve: {
    usage: usage.SERVE_USAGE,
    load: async () => (await import('./serve-command')).serveCommand,
  },
  sandbox: {
    usage: usage.SANDBOX_USAGE,
    load: async () => (await import('./sandbox-command')).sandboxCommand,
  },
  mcp: { usage: usage.MCP_USAGE, load: async () => (await import('./mcp-command')).mcpCommand },
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
  writeErr(`${line}\n`);
}

export async function main(argv: string[]): Promise<number | null> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    writeOut(`${help()}\n`);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) throw new UsageError(`unknown command "${name}"; see webrun-desk --help`);
  if (wantsHelp(rest)) {
    writeOut(`Usage: ${command.usage}\n`);
    return 0;
  }
  const run = await command.load();
  return run(rest, progress);
}

export async function runCli(argv: string[]): Promise<void> {
  try {
    const code = await main(argv);
    if (code !== null) process.exitCode = code;
  } catch (error) {
    if (error instanceof UsageError) {
      writeErr(`webrun-desk: ${error.message}\n`);
      process.exitCode = 2;
    } else if (error instanceof StoreError) {
      writeErr(`webrun-desk: ${error.message}\n`);
      process.exitCode = 1;
    } else {
      writeErr(
        `webrun-desk: ${storageProblem(error) ?? (error as Error)?.message ?? String(error)}\n`,
      );
      process.exitCode = 1;
    }
  }
}
