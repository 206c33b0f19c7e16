// Domain types of the WebRun protocol layer. Everything the rest of the app knows about a
// WebRun response passes through these shapes: the normaliser produces them from any of the
// documented variants (../shared/webrun-api.md §7), so no other module reads raw bodies.

/** One usage type, whatever the variant called its fields. `null` means "not reported". */
export interface Usage {
  prompt_tokens: number | null;
  completion_tokens: number | null;
  total_tokens: number | null;
  /** Seconds. */
  completion_time: number | null;
  /** USD. Never defaulted to 0: a missing cost stays null. */
  cost: number | null;
}

export interface NetworkEntry {
  url: string;
  /** Milliseconds since the epoch, possibly fractional. */
  timestamp: number | null;
}

export interface RemoteFile {
  filename: string;
  source: string | null;
  downloadUrl: string;
  timestamp: number | null;
}

export type OutcomeState =
  'completed' | 'pending' | 'running' | 'needs_input' | 'failed' | 'terminated' | 'unrecognised';

/** A task-bearing response (run-task, newTask, poll, socket task event), normalised. */
export interface TaskOutcome {
  state: OutcomeState;
  sessionId: string | null;
  taskId: string | null;
  pollUrl: string | null;
  /** The agent's answer (completed), the failure text (failed) or status text. */
  message: string | null;
  files: RemoteFile[];
  network: NetworkEntry[];
  usage: Usage | null;
  /** The agent's question when state is needs_input. */
  question: string | null;
  /** Error code when failed (NAVIGATION_TIMEOUT, …). */
  code: string | null;
  completedAt: string | null;
  /** The body as received, for the event log and for diagnosing unrecognised shapes. */
  raw: string;
}
