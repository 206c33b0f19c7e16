// webrun-desk: the command-line host of the same core the desktop app uses. It must never
// import Electron (the lint rule enforces it), which is what proves the core Electron-free.
// Every subcommand lives in its own module and is registered below with one entry; the
// grammar, help and suggestions come from commander (program.ts, from specs.ts); this file
// only dispatches and turns errors into a sentence, a usage line and an exit code.
import { StoreError } from '../core/store/store-error';
import { storageProblem } from '../core/store/storage-errors';
import { UsageError } from './args';
import type { CommandRunner } from './command';
import { completionScript } from './completion';
import { parseCommandLine } from './program';
import { usageLine } from './specs';
import { writeErr, writeOut } from './terminal-text';

/**
 * How to load each command's runner. Each module is imported only when its command runs (the
 * bundle splits it into its own chunk), so `--help` loads this file, the specs, commander and
 * nothing else.
 */
const LOADERS: Record<string, () => Promise<CommandRunner>> = {
  run: async () => (await import('./run-command')).runCommand,
  resume: async () => (await import('./resume-command')).resumeCommand,
  batch: async () => (await import('./batch-command')).batchCommand,
  batches: async () => (await import('./batches-command')).batchesCommand,
  'batch-status': async () => (await import('./batches-command')).batchStatusCommand,
  history: async () => (await import('./history-command')).historyCommand,
  spend: async () => (await import('./spend-command')).spendCommand,
  export: async () => (await import('./export-command')).exportCommand,
  check: async () => (await import('./check-command')).checkCommand,
  sessions: async () => (await import('./sessions-command')).sessionsCommand,
  env: async () => (await import('./env-command')).envCommand,
  triggers: async () => (await import('./triggers-command')).triggersCommand,
  'import-runs': async () => (await import('./import-runs-command')).importRunsCommand,
  compare: async () => (await import('./compare-command')).compareCommand,
  watch: async () => (await import('./watch-command')).watchCommand,
  serve: async () => (await import('./serve-command')).serveCommand,
  sandbox: async () => (await import('./sandbox-command')).sandboxCommand,
  mcp: async () => (await import('./mcp-command')).mcpCommand,
  completion: async () => async (argv) => {
    writeOut(completionScript(argv.filter((a) => a !== '--')));
    return 0;
  },
};

function progress(line: string): void {
  writeErr(`${line}\n`);
}

export async function main(argv: string[]): Promise<number | null> {
  const parsed = parseCommandLine(argv, writeOut);
  if (parsed.kind === 'done') return 0;
  const load = LOADERS[parsed.spec.name];
  if (!load) throw new Error(`no runner for ${parsed.spec.name}`);
  const run = await load();
  try {
    return await run(parsed.argv, progress);
  } catch (error) {
    // A command's own refusal gets the same usage line as the parser's.
    if (error instanceof UsageError) error.usage ??= usageLine(parsed.spec);
    throw error;
  }
}

/** "…an http(s) URL" becomes "…an http(s) URL.": each refusal is a sentence. */
function asSentence(message: string): string {
  return /[.?!]$/.test(message) ? message : `${message}.`;
}

export async function runCli(argv: string[]): Promise<void> {
  // A reader that stops early (`webrun-desk history | head`) is not an error worth a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  try {
    const code = await main(argv);
    if (code !== null) process.exitCode = code;
  } catch (error) {
    if (error instanceof UsageError) {
      writeErr(
        `webrun-desk: ${asSentence(error.message)}\nUsage: ${error.usage ?? 'webrun-desk <command> [options]'}\n`,
      );
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
