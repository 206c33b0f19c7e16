// Everything the contract's methods may use, handed over by the desk. Each domain's handlers
// take only the part of it they need (a Pick of this), so their dependencies are in sight.
import type {
  AllSettings,
  AppInfo,
  BudgetStatus,
  IntegrityStatus,
  SettingsPatch,
} from '../../contract/index';
import type { MoneyMonitor } from '../money/money-monitor';
import type { Runner } from '../runner/runner';
import type { SecretStore } from '../secrets/secret-store';
import type { HistoryStore } from '../history/history-store';
import type { HostLeases } from '../store/host-leases';
import type { McpRequestsStore } from '../mcp-approvals/mcp-requests-store';
import type { SessionStore } from '../sessions/session-store';
import type { SettingsStore } from '../settings/settings-store';
import type { TaskDetailsStore } from '../tasks/task-details-store';
import type { TaskStore } from '../tasks/task-store';
import type { TaskWatch } from '../tasks/task-watch';
import type { TaskService } from '../tasks/task-service';
import type { WebRunClient } from '../webrun/client';
import type { EnvironmentHandlerContext } from '../environments/environment-handlers';
import type { TriggerHandlerContext } from '../triggers/trigger-handlers';

export interface HandlerContext {
  info: AppInfo;
  /** Why the history cannot be written (a newer schema, an unwritable file), or null. */
  readOnlyReason: string | null;
  details: TaskDetailsStore;
  history: HistoryStore;
  sessions: SessionStore;
  runner: Runner;
  /** Only uploads: every control goes through the runner's TaskControls. */
  client: Pick<WebRunClient, 'uploadFiles'>;
  now: () => number;
  settings: {
    get(): AllSettings;
    update(patch: SettingsPatch): AllSettings;
  };
  store: TaskStore;
  /** The one door for creating, re-running and restoring a task. */
  tasks: TaskService;
  /** Every stored task change, to wait on (a cancel that waits for a submission to finish). */
  watch: TaskWatch;
  /** Templates and other small JSON kept in the database. */
  settingsStore: SettingsStore;
  filesDir: string;
  budget(): BudgetStatus;
  secrets: SecretStore;
  /** Opens a file with the OS (the desktop host gives shell.openPath); null elsewhere. */
  openPath: ((path: string) => Promise<string>) | null;
  /** The key the running backend was started with (null: the sandbox). */
  activeApiKey: string | null;
  /** Tasks AI assistants asked for over MCP, and which process runs which task. */
  mcpRequests: McpRequestsStore;
  leases: HostLeases;
  approvalsChanged: () => void;
  /** What the last check of the history database found (run in a worker when idle). */
  integrity: () => IntegrityStatus;
  /** WebRun's environments and triggers (core/triggers/wire.ts builds both). */
  environments: EnvironmentHandlerContext;
  triggers: TriggerHandlerContext;
  /** Balance, runway, the balance hold and anomalies. */
  money: MoneyMonitor;
}
