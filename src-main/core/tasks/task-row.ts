// The tasks table's row, and its two mappings: a row to the view the rest of the app reads, and
// a patch to the columns an update writes. Nothing outside the store knows column names.
import { taskExpiresAt } from '../webrun/expiry';
import {
  TaskOptions,
  type CostSource,
  type TaskMode,
  type TaskStatus,
  type TaskView,
  type UsageView,
} from '../../contract/schemas';

export interface TaskRow {
  id: string;
  prompt: string;
  starting_url: string | null;
  status: TaskStatus;
  session_id: string | null;
  remote_task_id: string | null;
  poll_url: string | null;
  deadline_at: number | null;
  result_message: string | null;
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  completion_time: number | null;
  cost: number | null;
  cost_source: CostSource | null;
  error_code: string | null;
  error_message: string | null;
  created_at: number;
  updated_at: number;
  started_at: number | null;
  ended_at: number | null;
  mode: TaskMode;
  priority: number;
  queue_order: number | null;
  tags: string;
  retry_of: string | null;
  options: string;
  cost_cap: number | null;
  keep_session_open: number;
  last_activity: string | null;
  question: string | null;
  current_url: string | null;
  network_total: number | null;
  credential_sites: string;
  waiting_since: number | null;
  environment_id: string | null;
  trigger_id: string | null;
  watch_id?: string | null;
  template: string | null;
}

/** A task as the runner needs it: the view plus the remote poll URL. */
export interface StoredTask extends TaskView {
  pollUrl: string | null;
  /** When the running task's deadline passes; kept so a restart does not start it again. */
  deadlineAt: number | null;
}

export interface NewTask {
  id: string;
  prompt: string;
  startingUrl: string | null;
  createdAt: number;
  mode?: TaskMode;
  priority?: number;
  tags?: string[];
  retryOf?: string | null;
  options?: Partial<TaskOptions>;
  costCap?: number | null;
  keepSessionOpen?: boolean;
  /** A follow-up joins an existing session. */
  sessionId?: string | null;
  /** Saved site credentials to send with it, by site name (the values stay in the keychain). */
  credentialSites?: string[];
  /** The WebRun environment to run it in. */
  environmentId?: string | null;
  /** The saved template it was made from, by name. */
  template?: string | null;
}

/** Fields the runner may change; undefined means "leave as is". */
export interface TaskPatch {
  status?: TaskStatus;
  sessionId?: string | null;
  remoteTaskId?: string | null;
  pollUrl?: string | null;
  deadlineAt?: number | null;
  resultMessage?: string | null;
  usage?: UsageView | null;
  costSource?: CostSource | null;
  error?: { code: string | null; message: string } | null;
  startedAt?: number | null;
  endedAt?: number | null;
  priority?: number;
  queueOrder?: number | null;
  lastActivity?: string | null;
  question?: string | null;
  currentUrl?: string | null;
  /** How many URLs WebRun reported, of which the stored log may keep only the first part. */
  networkTotal?: number;
}

export type TaskEventKind = 'transition' | 'remote' | 'error';

export function toView(row: TaskRow, inactivityMs: number): StoredTask {
  const hasUsage = [
    row.prompt_tokens,
    row.completion_tokens,
    row.total_tokens,
    row.completion_time,
    row.cost,
  ].some((v) => v !== null);
  return {
    id: row.id,
    prompt: row.prompt,
    startingUrl: row.starting_url,
    status: row.status,
    sessionId: row.session_id,
    remoteTaskId: row.remote_task_id,
    pollUrl: row.poll_url,
    deadlineAt: row.deadline_at ?? null,
    resultMessage: row.result_message,
    usage: hasUsage
      ? {
          promptTokens: row.prompt_tokens,
          completionTokens: row.completion_tokens,
          totalTokens: row.total_tokens,
          completionTime: row.completion_time,
          cost: row.cost,
        }
      : null,
    costSource: row.cost_source,
    error: row.error_message === null ? null : { code: row.error_code, message: row.error_message },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    startedAt: row.started_at,
    endedAt: row.ended_at,
    mode: row.mode,
    priority: row.priority,
    tags: parseJson(row.tags, [] as string[]),
    retryOf: row.retry_of,
    costCap: row.cost_cap,
    keepSessionOpen: row.keep_session_open === 1,
    lastActivity: row.last_activity,
    question: row.question,
    currentUrl: row.current_url,
    credentialSites: parseJson<string[]>(row.credential_sites, []),
    queueOrder: row.queue_order ?? row.created_at,
    options: optionsOf(row.options),
    expiresAt: taskExpiresAt(row.status, row.waiting_since, inactivityMs),
    environmentId: row.environment_id ?? null,
    triggerId: row.trigger_id ?? null,
    watchId: row.watch_id ?? null,
    template: row.template ?? null,
  };
}

const DEFAULT_OPTIONS: TaskOptions = TaskOptions.parse({});

/**
 * Options were validated when the task was created; reading them back only fills defaults
 * (a full schema parse per row was most of the cost of listing the queue).
 */
function optionsOf(text: string): TaskOptions {
  const stored = parseJson<Partial<TaskOptions>>(text, {});
  return { ...DEFAULT_OPTIONS, ...(stored && typeof stored === 'object' ? stored : {}) };
}

function parseJson<T>(text: string, fallback: T): T {
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

/** Column assignments for a patch; only the fields present in it are written. */
export function patchColumns(patch: TaskPatch): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  if (patch.status !== undefined) columns.status = patch.status;
  if (patch.sessionId !== undefined) columns.session_id = patch.sessionId;
  if (patch.remoteTaskId !== undefined) columns.remote_task_id = patch.remoteTaskId;
  if (patch.pollUrl !== undefined) columns.poll_url = patch.pollUrl;
  if (patch.deadlineAt !== undefined) columns.deadline_at = patch.deadlineAt;
  if (patch.resultMessage !== undefined) columns.result_message = patch.resultMessage;
  if (patch.usage !== undefined) {
    columns.prompt_tokens = patch.usage?.promptTokens ?? null;
    columns.completion_tokens = patch.usage?.completionTokens ?? null;
    columns.total_tokens = patch.usage?.totalTokens ?? null;
    columns.completion_time = patch.usage?.completionTime ?? null;
    columns.cost = patch.usage?.cost ?? null;
  }
  if (patch.costSource !== undefined) columns.cost_source = patch.costSource;
  if (patch.error !== undefined) {
    columns.error_code = patch.error?.code ?? null;
    columns.error_message = patch.error?.message ?? null;
  }
  if (patch.startedAt !== undefined) columns.started_at = patch.startedAt;
  if (patch.endedAt !== undefined) columns.ended_at = patch.endedAt;
  if (patch.priority !== undefined) columns.priority = patch.priority;
  if (patch.queueOrder !== undefined) columns.queue_order = patch.queueOrder;
  if (patch.lastActivity !== undefined) columns.last_activity = patch.lastActivity;
  if (patch.question !== undefined) columns.question = patch.question;
  if (patch.currentUrl !== undefined) columns.current_url = patch.currentUrl;
  if (patch.networkTotal !== undefined) columns.network_total = patch.networkTotal;
  return columns;
}
