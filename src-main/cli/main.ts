// webrun-desk: the command-line host of the same core the desktop app uses. It must never
// import Electron (the lint rule enforces it), which is what proves the core Electron-free.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { resolveConfig } from '../core/config';
import { createDesk } from '../core/desk';
import { startSandbox } from '../core/sandbox/index';
import { StoreError } from '../core/store/open-store';
import { storageProblem } from '../core/store/storage-errors';
import { startBrowserServer } from '../web/server';
import { parseArgs } from 'node:util';
import { intOption, numberOption, usageErrors, UsageError } from './args';
import { checkCommand } from './check-command';
import { exportCommand, historyCommand, spendCommand } from './history-commands';
import { runCommand } from './run-command';
import { resumeCommand, sessionsCommand } from './session-commands';

const HELP = `webrun-desk: run WebRun browser-agent tasks and keep their history

Usage:
  webrun-desk run "<prompt>" [options]    run one task and wait for its end
      --starting-url URL    open this page first
      --output-type T       text (default), structured_json or structured_csv
      --schema FILE         JSON Schema (structured_json) or a JSON list of columns (structured_csv)
      --max-duration MS     WebRun's limit for the task, 1000 to 300000
      --cost-cap USD        stop the task when its running cost reaches this
      --session ID          run as a follow-up inside this open session
      --answer TEXT         answer for the agent's question when no terminal can ask
      --no-wait             return once the task is submitted (follow it with resume)
      --json                print the task as one JSON object when it ends
      --db PATH             history database;  --base-url URL  WebRun's address
  webrun-desk history [--status S,S] [--text Q] [--tag T] [--session ID] [--from DAY] [--to DAY]
                      [--limit N] [--json] [--db PATH]
  webrun-desk spend [--days N] [--json] [--db PATH]
  webrun-desk export --format csv|json [--out FILE] [history filters] [--db PATH]
  webrun-desk check [--json] [--db PATH]      check the history database's integrity now
  webrun-desk sessions [--terminate-stray] [--json] [--db PATH]
  webrun-desk resume [--json] [--db PATH]     pick up interrupted tasks and wait for them
  webrun-desk serve [--port N] [--db PATH]    serve the app in browser mode on 127.0.0.1
  webrun-desk sandbox [--port N] [--time-scale X] [--seed S] [--legacy]
                                              start the local WebRun-compatible sandbox alone
  webrun-desk --help                          this text

Environment:
  WEBRUN_API_KEY             your WebRun API key; without it the built-in sandbox is used
  WEBRUN_BASE_URL            WebRun's address (default https://connect.webrun.ai)
  WEBRUN_DESK_DB             the history database (default in your user data folder)
  WEBRUN_SANDBOX_TIME_SCALE  speed of simulated tasks (default 0.1: ten times real time)

Exit codes (run, resume): 0 completed, 1 failed/stopped/cancelled, 2 bad usage,
  3 needs input and nobody to ask, 4 outcome unknown.`;

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

function defaultStaticRoot(): string | null {
  const root = fileURLToPath(new URL('../../out/renderer', import.meta.url));
  return existsSync(root) ? root : null;
}

export async function serve(argv: string[]): Promise<void> {
  const { values } = usageErrors(() =>
    parseArgs({ args: argv, strict: true, options: { port: { type: 'string' }, db: { type: 'string' }, 'allow-origin': { type: 'string', multiple: true } } }),
  );
  const port = intOption(values.port, 'port', { min: 0, max: 65535 });
  const config = resolveConfig({ dbPath: values.db });
  const desk = await createDesk({ dbPath: config.dbPath, apiKey: config.apiKey, baseUrl: config.baseUrl, host: 'browser', sandbox: { timeScale: config.sandboxTimeScale }, log: progress });
  const staticRoot = defaultStaticRoot();
  if (!staticRoot) progress('The UI is not built yet (run `npm run build`); serving the API only.');
  const server = await startBrowserServer({ desk, staticRoot, port, extraOrigins: values['allow-origin'], log: progress });
  progress(`History: ${desk.info.dbPath}`);
  process.stdout.write(`WebRun Desk is running in browser mode. Open: ${server.url}\n`);
  const stop = async (): Promise<void> => {
    await server.close();
    await desk.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

async function sandbox(argv: string[]): Promise<void> {
  const { values } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: { port: { type: 'string' }, 'time-scale': { type: 'string' }, seed: { type: 'string' }, legacy: { type: 'boolean' } },
    }),
  );
  const handle = await startSandbox({
    port: intOption(values.port, 'port', { min: 0, max: 65535 }),
    timeScale: numberOption(values['time-scale'], 'time-scale', { min: 0, max: 100 }),
    seed: intOption(values.seed, 'seed', { min: 0, max: 2 ** 31 - 1 }),
    legacy: values.legacy ?? false,
  });
  process.stdout.write(`WebRun sandbox listening on ${handle.url} (any key starting wr_ or enig_ is accepted)\n`);
  const stop = async (): Promise<void> => {
    await handle.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}

export async function main(argv: string[]): Promise<number | null> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  switch (command) {
    case 'serve':
      await serve(rest);
      return null; // keeps running
    case 'run':
      return runCommand(rest, progress);
    case 'history':
      return historyCommand(rest);
    case 'spend':
      return spendCommand(rest);
    case 'export':
      return exportCommand(rest);
    case 'check':
      return checkCommand(rest);
    case 'sessions':
      return sessionsCommand(rest, progress);
    case 'resume':
      return resumeCommand(rest, progress);
    case 'sandbox':
      await sandbox(rest);
      return null;
    default:
      throw new UsageError(`unknown command "${command}"; see webrun-desk --help`);
  }
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
      process.stderr.write(`webrun-desk: ${storageProblem(error) ?? (error as Error)?.message ?? String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
