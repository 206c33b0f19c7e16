// What a host passes to createDesk, and the desk it gets back: the composition root's two
// shapes, kept apart from the wiring so a host reads them without reading how they are built.
import type { Watches } from './watches/wire-watches';
import type {
  AppInfo,
  BudgetStatus,
  DeskEvent,
  DeskHandlers,
  Preflight,
  TaskView,
} from '../contract/index';
import type { Runner, RunnerOptions } from './runner/runner';
import type { DrainOptions } from './runner/drain';
import type { SandboxOptions } from '../sandbox/index';
import type { SecretStore } from './secrets/secret-store';
import type { HistoryStore } from './history/history-store';
import type { HostLeases } from './store/host-leases';
import type { McpRequestsStore } from './mcp-approvals/mcp-requests-store';
import type { SessionStore } from './sessions/session-store';
import type { AppStartsStore, SettingsStore } from './settings/settings-store';
import type { TaskDetailsStore } from './tasks/task-details-store';
import type { Timeouts } from './webrun/client';
import type { Generation } from './webrun/request-body';
import type { Backend } from './backend';
import type { TaskService } from './tasks/task-service';
import type { BackendSettings } from '../contract/schemas';

export interface DeskOptions {
  dbPath: string;
  /** No key: the built-in sandbox is started and used. */
  apiKey?: string | null;
  baseUrl?: string | null;
  generation?: Generation;
  host: AppInfo['host'];
  sandbox?: SandboxOptions;
  /**
   * 'history': the sandbox shared by every process on this history (every host passes it);
   * 'process' (default): a private one inside this process, for tests that drive it.
   */
  sandboxScope?: 'history' | 'process';
  /** How long a shared sandbox waits with no request and no task before it stops (default 10 min). */
  sandboxQuietMs?: number;
  runner?: Partial<
    Omit<RunnerOptions, 'store' | 'details' | 'sessions' | 'client' | 'baseUrl' | 'onTaskChanged'>
  >;
  /** WebRun's documented limit: 10 limited requests per 60 s per user. */
  rateLimit?: { max: number; windowMs: number } | null;
  /** Folder for copies of downloaded files (default: next to the database). */
  filesDir?: string;
  /** Pick up tasks a previous run left unfinished (false for one-off CLI commands). */
  recover?: boolean;
  /**
   * Where saved secrets live. Default: a 0600 file next to the database (browser mode, CLI);
   * the desktop app passes one backed by the OS keychain.
   */
  secrets?: SecretStore;
  /** better-sqlite3 built for Electron (see scripts/build-electron-sqlite.mjs). */
  nativeBinding?: string;
  /** The history could not be written while work ran in the background (disk full, …). */
  onStorageFailure?: (message: string) => void;
  /** Opens a file with the OS: the desktop host passes shell.openPath (it answers '' or why not). */
  openPath?: (path: string) => Promise<string>;
  /** How often trigger runs are imported while the app runs (default 60 s; also at start). */
  importIntervalMs?: number;
  /** Request timeouts of the WebRun client (tests shorten them). */
  clientTimeouts?: Partial<Timeouts>;
  log?: (line: string) => void;
  /**
   * Run only this process's own tasks, held against other desks on the same file while it
   * lives (the MCP server: the app beside it neither sends nor adopts them).
   */
  holdOwnTasks?: { kind: string };
  /** Run due watches in this desk (the app, browser mode, `watch run`); never in one-off commands. */
  runWatches?: boolean;
}

export interface Desk {
  handlers: DeskHandlers;
  /** The one door for a task (create, re-run, restore, take back from the queue). */
  tasks: TaskService;
  info: AppInfo;
  /** Why the history is open for reading only (its file or folder cannot be written), or null. */
  readOnlyReason: string | null;
  runner: Runner;
  history: HistoryStore;
  subscribe(listener: (event: DeskEvent) => void): () => void;
  /** For the CLI: wait until a task reaches a state where nothing more happens on its own. */
  waitForSettled(id: string): Promise<TaskView>;
  /** Resolves when the copies of a task's files are made (or have failed). */
  filesSettled(id: string): Promise<void>;
  details: TaskDetailsStore;
  /** Where the local copies of downloaded files live. */
  filesDir: string;
  sessions: SessionStore;
  settings: SettingsStore;
  appStarts: AppStartsStore;
  leases: HostLeases;
  mcpRequests: McpRequestsStore;
  watches: Watches;
  /** The budget summed now (caps and spend so far). */
  budget(): BudgetStatus;
  /** Money pre-flight for work about to be sent (core/money/preflight.ts states the rule). */
  preflight(
    work: { templateKey: string } | { prompt: string; startingUrl: string | null },
    tasks: number,
  ): Preflight;
  /** Another process wrote to the history (a task, an approval, a setting). */
  onExternalChange(listener: () => void): () => void;
  /** The import of trigger runs made at start (the runs missed while the app was closed). */
  startupImport: Promise<unknown>;
  /**
   * Stops claiming queued tasks and waits, bounded, for WebRun's answers to the submissions in
   * flight to be written (runner/drain.ts); resolves with how many were still out at the end.
   */
  drain(options?: DrainOptions): Promise<number>;
  close(): Promise<void>;
}

/** The backend a desk runs on, as it started. */
export interface StartedBackend extends Backend {
  generation: Generation;
  /** The backend settings this run started with: a later change needs a restart. */
  startedWith: BackendSettings;
}
