// How long the client waits for each kind of answer (split from client.ts to keep it short).
export interface Timeouts {
  /** run-task and newTask: WebRun holds the request up to 50 s before answering pending. */
  submitMs: number;
  pollMs: number;
  otherMs: number;
}

export const DEFAULT_TIMEOUTS: Timeouts = { submitMs: 70_000, pollMs: 15_000, otherMs: 30_000 };
