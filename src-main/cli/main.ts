// webrun-desk: the command-line host of the same core the desktop app uses. It must never
// import Electron (the lint rule enforces it), which is what proves the core Electron-free.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CreateTaskInput, type TaskView } from '../contract/index';
import { resolveConfig } from '../core/config';
import { createDesk } from '../core/desk';
import { startSandbox } from '../core/sandbox/index';
import { StoreError } from '../core/store/open-store';
import { startBrowserServer } from '../web/server';
import { parseArgs } from 'node:util';
import { intOption, numberOption, usageErrors, UsageError } from './args';

const HELP = `webrun-desk: run WebRun browser-agent tasks and keep their history

Usage:
  webrun-desk serve [--port N] [--db PATH]      serve the app in browser mode on 127.0.0.1
  webrun-desk run "<prompt>" [--starting-url URL] [--json] [--db PATH] [--base-url URL]
                                                run one task and wait for its end
  webrun-desk sandbox [--port N] [--time-scale X] [--seed S] [--legacy]
                                                start the local WebRun-compatible sandbox alone
  webrun-desk --help                            this text

Environment:
  WEBRUN_API_KEY             your WebRun API key; without it the built-in sandbox is used
  WEBRUN_BASE_URL            WebRun's address (default https://connect.webrun.ai)
  WEBRUN_DESK_DB             the history database (default in your user data folder)
  WEBRUN_SANDBOX_TIME_SCALE  speed of simulated tasks (default 0.1: ten times real time)

Exit codes (run): 0 completed, 1 failed/stopped/cancelled, 2 bad usage,
  3 needs input and nobody to ask, 4 outcome unknown.`;

const EXIT_FOR: Partial<Record<TaskView['status'], number>> = {
  completed: 0,
  failed: 1,
  stopped: 1,
  cancelled: 1,
  needs_input: 3,
  unknown: 4,
};

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

async function run(argv: string[]): Promise<number> {
  const { values, positionals } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { 'starting-url': { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' }, 'base-url': { type: 'string' } },
    }),
  );
  if (positionals.length !== 1) throw new UsageError('run takes exactly one prompt, in quotes: webrun-desk run "<prompt>"');
  const input = CreateTaskInput.safeParse({ prompt: positionals[0], startingUrl: values['starting-url'] ?? null });
  if (!input.success) throw new UsageError(input.error.issues.map((i) => i.message).join('; '));
  const config = resolveConfig({ dbPath: values.db, baseUrl: values['base-url'] });
  const desk = await createDesk({ dbPath: config.dbPath, apiKey: config.apiKey, baseUrl: config.baseUrl, host: 'browser', sandbox: { timeScale: config.sandboxTimeScale }, log: progress });
  try {
    const unsubscribe = desk.subscribe((event) => {
      if (event.name === 'task.updated') progress(`task ${event.payload.id.slice(0, 8)}: ${event.payload.status}`);
    });
    const created = await desk.handlers['tasks.create'](input.data);
    const task = await desk.waitForSettled(created.id);
    unsubscribe();
    if (values.json) {
      process.stdout.write(`${JSON.stringify(task)}\n`);
    } else {
      process.stdout.write(`${task.status}${task.resultMessage ? `: ${task.resultMessage}` : ''}\n`);
      if (task.error) process.stdout.write(`reason: ${task.error.message}\n`);
      if (task.usage?.cost != null) process.stdout.write(`cost: $${task.usage.cost.toFixed(4)} (${task.costSource})\n`);
    }
    return EXIT_FOR[task.status] ?? 1;
  } finally {
    await desk.close();
  }
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
      return run(rest);
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
      process.stderr.write(`webrun-desk: ${(error as Error)?.message ?? String(error)}\n`);
      process.exitCode = 1;
    }
  }
}
