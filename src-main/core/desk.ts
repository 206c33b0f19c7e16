// Composition root: wires store, WebRun client, runner and (when there is no API key) the
// built-in sandbox, and exposes the contract's handlers. Every host (Electron, browser-mode
// server, CLI) starts the app through createDesk and nothing else.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AppInfo, DeskEvent, DeskHandlers, TaskView } from '../contract/index';
import { DeskError } from '../contract/dispatch';
import { DEFAULT_BASE_URL } from './config';
import { EventHub } from './event-hub';
import { Runner, type RunnerOptions } from './runner/runner';
import { startSandbox, type SandboxHandle, type SandboxOptions } from './sandbox/index';
import { openStore } from './store/open-store';
import { TaskStore, type StoredTask } from './store/task-store';
import { WebRunClient } from './webrun/client';
import { SlidingWindowLimiter } from './webrun/rate-limiter';
import type { Generation } from './webrun/request-body';

export interface DeskOptions {
  dbPath: string;
  /** No key: the built-in sandbox is started and used. */
  apiKey?: string | null;
  baseUrl?: string | null;
  generation?: Generation;
  host: AppInfo['host'];
  sandbox?: SandboxOptions;
  runner?: Partial<Omit<RunnerOptions, 'store' | 'client' | 'onTaskChanged'>>;
  /** WebRun's documented limit: 10 limited requests per 60 s per user. */
  rateLimit?: { max: number; windowMs: number } | null;
  log?: (line: string) => void;
}

export interface Desk {
  handlers: DeskHandlers;
  info: AppInfo;
  subscribe(listener: (event: DeskEvent) => void): () => void;
  /** For the CLI: wait until a task reaches a state where nothing more will happen on its own. */
  waitForSettled(id: string): Promise<TaskView>;
  close(): Promise<void>;
}

function appVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0.0.0';
  } catch {
    return '0.0.0';
  }
}

const SETTLED = new Set(['completed', 'failed', 'stopped', 'cancelled', 'unknown', 'needs_input']);

/** The contract's TaskView, without runner-only fields such as the poll URL. */
function publicView(task: StoredTask): TaskView {
  const { pollUrl: _pollUrl, ...view } = task;
  return view;
}

export async function createDesk(options: DeskOptions): Promise<Desk> {
  const log = options.log ?? (() => {});
  const opened = openStore(options.dbPath);
  if (opened.readOnlyReason) log(opened.readOnlyReason);
  if (opened.backupPath) log(`History database backed up to ${opened.backupPath} before migrating.`);
  const store = new TaskStore(opened.db);

  let sandbox: SandboxHandle | null = null;
  let apiKey = options.apiKey ?? null;
  let baseUrl = options.baseUrl ?? DEFAULT_BASE_URL;
  let kind: AppInfo['backend']['kind'] = options.baseUrl && options.baseUrl !== DEFAULT_BASE_URL ? 'custom' : 'cloud';
  if (!apiKey) {
    sandbox = await startSandbox({ timeScale: 0.1, ...options.sandbox });
    apiKey = `wr_sandbox_${randomBytes(12).toString('hex')}`;
    baseUrl = sandbox.url;
    kind = 'sandbox';
    log(`No WebRun API key set: using the built-in sandbox at ${sandbox.url} (results are simulated).`);
  }

  const hub = new EventHub();
  const rateLimit = options.rateLimit === undefined ? { max: 10, windowMs: 60_000 } : options.rateLimit;
  const client = new WebRunClient({
    baseUrl,
    apiKey,
    generation: options.generation,
    limiter: rateLimit ? new SlidingWindowLimiter(rateLimit) : null,
  });
  const waiters = new Map<string, Set<(task: TaskView) => void>>();
  const runner = new Runner({
    ...options.runner,
    log,
    store,
    client,
    onTaskChanged: (task) => {
      const view = publicView(task);
      hub.emit({ name: 'task.updated', payload: view });
      if (SETTLED.has(view.status)) {
        for (const resolve of waiters.get(view.id) ?? []) resolve(view);
        waiters.delete(view.id);
      }
    },
  });

  const info: AppInfo = {
    version: appVersion(),
    backend: { kind, baseUrl, simulated: kind === 'sandbox' },
    dbPath: opened.path,
    host: options.host,
  };

  const writable = (): void => {
    if (opened.readOnlyReason) throw new DeskError('unavailable', opened.readOnlyReason);
  };
  const getTask = (id: string): StoredTask => {
    const task = store.get(id);
    if (!task) throw new DeskError('not_found', `No task with id ${id}.`);
    return task;
  };

  const handlers: DeskHandlers = {
    'app.info': () => info,
    'tasks.create': (input) => {
      writable();
      return publicView(runner.submit({ prompt: input.prompt, startingUrl: input.startingUrl ?? null }));
    },
    'tasks.list': (input) => {
      const page = store.list(input.limit, input.before);
      return { tasks: page.tasks.map(publicView), nextCursor: page.nextCursor };
    },
    'tasks.get': (input) => publicView(getTask(input.id)),
  };

  if (!opened.readOnlyReason) runner.recover();

  return {
    handlers,
    info,
    subscribe: (listener) => hub.subscribe(listener),
    waitForSettled(id) {
      const task = getTask(id);
      if (SETTLED.has(task.status)) return Promise.resolve(publicView(task));
      return new Promise((resolve) => {
        const set = waiters.get(id) ?? new Set();
        set.add(resolve);
        waiters.set(id, set);
      });
    },
    async close() {
      runner.close();
      opened.db.close();
      await sandbox?.close();
    },
  };
}
