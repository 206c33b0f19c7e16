// What the runner's parts (submission, following, controls) share: the stores, the client,
// the task's in-memory tracking, and the few operations that keep the queue consistent.
// The Runner implements it; each part gets it through its constructor.
import type { TaskStatus } from '../../contract/schemas';
import type { SessionStore } from '../sessions/session-store';
import type { TaskDetailsStore } from '../tasks/task-details-store';
import type { StoredTask, TaskPatch, TaskStore } from '../tasks/task-store';
import type { NetworkLog } from './network-log';
import type { PollScheduler } from './poll-scheduler';
import type { ResolvedOptions, RunnerClient, Timer } from './runner-options';
import type { SessionLinks } from './session-links';
import type { WriteScope } from './write-scope';

/** What the runner tracks in memory for a task holding a slot. */
export interface Tracked {
  pollFailures: number;
  unrecognised: number;
  guardrailTimer: Timer | null;
  deadlineTimer: Timer | null;
  /**
   * Socket news asked for a poll before WebRun's answer gave the task its ids (a follow-up
   * whose completion beats newTask's HTTP answer): the poll is made as soon as they are known.
   */
  newsBeforeIds?: boolean;
}

export type TaskEventInput = { kind: 'remote' | 'error'; payload?: unknown };

export interface RunnerContext {
  readonly o: ResolvedOptions;
  readonly store: TaskStore;
  readonly details: TaskDetailsStore;
  readonly sessions: SessionStore;
  readonly client: RunnerClient;
  readonly polls: PollScheduler;
  readonly links: SessionLinks;
  readonly networkLog: NetworkLog;
  /** Tasks holding a slot. */
  readonly tracked: Map<string, Tracked>;
  /** A session runs one task at a time: session id → task id. */
  readonly busySessions: Map<string, string>;
  /** Tasks being stopped or cancelled on the user's word: WebRun's echo of it must not win. */
  readonly stopping: Set<string>;
  /** Writes one step as one transaction; effects registered meanwhile wait for its commit. */
  readonly writes: WriteScope;
  isClosed(): boolean;
  change(id: string, patch: TaskPatch, event?: TaskEventInput): StoredTask;
  /** Ends a task locally: status written, slot freed, its session released or closed. */
  finish(id: string, patch: TaskPatch & { status: TaskStatus }, event?: TaskEventInput): void;
  /** The task's tracking entry, created (slot taken) if missing. */
  entry(id: string): Tracked;
  release(id: string, sessionId: string | null): void;
  /** A session's events will not come again: drop what deduplicating them kept. */
  forgetSession(sessionId: string): void;
  dispatch(): void;
  queueChanged(): void;
  /** Runs work nobody awaits; a storage failure stops new work instead of crashing. */
  guard(work: () => Promise<void>): Promise<void>;
  attach(sessionId: string, socketUrl: string): void;
  /**
   * Runs a write that decides a task's fate (requeue, unknown, deadline); if the store refuses
   * it (busy, full), tries again shortly, so the task is never left with nothing to move it.
   */
  settle(id: string, write: () => void): void;
}

export function newTracked(): Tracked {
  return { pollFailures: 0, unrecognised: 0, guardrailTimer: null, deadlineTimer: null };
}
