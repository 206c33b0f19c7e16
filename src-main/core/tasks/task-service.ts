// The one door for a task: every task is created, run again, put back in the queue or taken
// back from it here, whoever asks (the task methods, a batch's rows, a watch's runs, an
// assistant over MCP, the import of trigger runs). A new task is checked once, by the
// contract's schema, and then by what only the desk knows (a writable history, readable saved
// credentials, an open session). Status writes go through the runner's controls, never here.
import { randomUUID } from 'node:crypto';
import { DeskError, describeIssues } from '../../contract/dispatch';
import { CreateTaskInput, type TaskView } from '../../contract/schemas';
import type { SecretStore } from '../secrets/secret-store';
import { refusalOf } from '../store/storage-refusals';
import type { SessionStore } from '../sessions/session-store';
import type { StoredTask, TaskStore } from './task-store';
import { publicView } from './public-view';
import type { ImportedRun, ImportedTasks } from './imported-tasks';
import type { TaskEngine } from './task-engine';

export type NewTaskInput = ReturnType<typeof CreateTaskInput.parse>;

/** A new task as the contract's schema reads it, or each problem with the field it is about. */
export function checkNewTask(
  input: unknown,
): { ok: true; task: NewTaskInput } | { ok: false; issues: { path: string; message: string }[] } {
  const parsed = CreateTaskInput.safeParse(input);
  if (parsed.success) return { ok: true, task: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
  };
}

/** The new task, or a refusal (invalid_input) naming every field that is wrong. */
export function parseNewTask(input: unknown): NewTaskInput {
  const parsed = CreateTaskInput.safeParse(input);
  if (!parsed.success) throw new DeskError('invalid_input', describeIssues(parsed.error));
  return parsed.data;
}

export interface TaskServiceOptions {
  store: TaskStore;
  sessions: Pick<SessionStore, 'get'>;
  secrets: Pick<SecretStore, 'credentialsFor'>;
  /** Where tasks go once written: the runner, which alone writes their status. */
  engine: TaskEngine;
  imported: ImportedTasks;
  /** Throws when the history cannot be written. */
  writable: () => void;
  now: () => number;
  /**
   * Writes a task and holds it for this process in one transaction (store/host-leases.ts):
   * a desk that runs only its own tasks holds every one it creates.
   */
  holding: <T extends { id: string }>(create: () => T) => T;
  /** Every created task is held (the MCP server: the app beside it never sends them). */
  holdsOwnTasks: boolean;
}

export class TaskService {
  constructor(private readonly o: TaskServiceOptions) {}

  /**
   * Checks, writes `queued` and hands a new task to the runner. `hold`: held for this process
   * even on a desk that does not hold all its tasks (an assistant's task).
   */
  create(input: unknown, options: { hold?: boolean } = {}): TaskView {
    const create = (): TaskView => this.createNow(parseNewTask(input));
    try {
      return options.hold || this.o.holdsOwnTasks ? this.o.holding(create) : create();
    } catch (error) {
      // A full disk is refused with its reason, whoever asked (a batch row, a watch, MCP).
      throw refusalOf(error);
    }
  }

  private createNow(input: NewTaskInput): TaskView {
    const { store, sessions } = this.o;
    this.o.writable();
    // Checked now for a clear answer; the values are read again when the task is sent.
    const { unreadable } = this.o.secrets.credentialsFor(input.credentials ?? []);
    if (unreadable.length > 0) {
      throw new DeskError(
        'conflict',
        `Saved credentials for ${unreadable.join(', ')} are missing or can no longer be read; save them again.`,
      );
    }
    if (input.sessionId) {
      const session = sessions.get(input.sessionId);
      if (!session || session.status !== 'open')
        throw new DeskError(
          'conflict',
          `Session ${input.sessionId} is not open; start the task in a new session instead.`,
        );
    }
    const task = store.create({
      id: randomUUID(),
      prompt: input.prompt,
      startingUrl: input.startingUrl ?? null,
      createdAt: this.o.now(),
      mode: input.sessionId ? 'session' : input.mode,
      priority: input.priority,
      tags: input.tags,
      options: input.options,
      costCap: input.costCap ?? null,
      keepSessionOpen: input.keepSessionOpen,
      sessionId: input.sessionId ?? null,
      credentialSites: input.credentials ?? [],
      environmentId: input.environmentId ?? null,
      template: input.template ?? null,
    });
    this.o.engine.enqueue(task);
    return publicView(store.get(task.id)!);
  }

  /**
   * A new queued task with the same inputs as `source`, linked to it (retry, submit again): a
   * follow-up of a session still open stays in it.
   */
  rerun(source: StoredTask, environmentId: string | null = source.environmentId): TaskView {
    this.o.writable();
    const session = source.sessionId ? this.o.sessions.get(source.sessionId) : null;
    const followUp =
      source.mode === 'session' && session?.status === 'open' && source.sessionId !== null;
    const task = this.o.store.create({
      id: randomUUID(),
      prompt: source.prompt,
      startingUrl: source.startingUrl,
      createdAt: this.o.now(),
      mode: source.mode,
      priority: source.priority,
      tags: source.tags,
      retryOf: source.id,
      options: source.options,
      costCap: source.costCap,
      keepSessionOpen: source.keepSessionOpen,
      sessionId: followUp ? source.sessionId : null,
      credentialSites: source.credentialSites,
      environmentId,
      template: source.template,
    });
    this.o.engine.enqueue(task);
    return publicView(task);
  }

  /** A task cancelled before it was sent goes back to the place it had in the queue. */
  restore(id: string): TaskView {
    this.o.engine.enqueue(this.o.engine.controls.restore(id));
    return publicView(this.o.store.get(id)!);
  }

  /** Takes a still-queued task back, ended with `reason` (false: it was claimed meanwhile). */
  unqueue(id: string, reason: { code: string; message: string }): boolean {
    return this.o.engine.controls.unqueue(id, reason);
  }

  /**
   * A run WebRun made on its own (a trigger's) becomes a finished task, exactly once however
   * often it is seen; false when it was there already.
   */
  recordRun(run: ImportedRun): boolean {
    return this.o.imported.add(run);
  }
}
