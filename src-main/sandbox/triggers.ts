// Triggers (`/cron-jobs`, webrun-api.md §1.7) on the sandbox's own clock. The clock runs
// 1/timeScale times faster than real time from the sandbox's start, so with timeScale 0.001 an
// "every 30m" trigger fires every 1.8 real seconds and "0 9 * * *" comes round quickly. Which
// occurrence is next is decided on that simulated clock (with croner, in the trigger's time
// zone); every timestamp the API reports (nextRunAt, a run's createdAt) is the real moment it
// happens, so a client's clock, its history and its budgets stay true.
// Each run is a run-task in its own session, with the trigger's environment; failures are
// counted and the trigger pauses itself at maxConsecutiveFailures.
import { nextOccurrence, type Schedule } from '../contract/schedule.ts';
import { submitTask } from './control.ts';
import type { SandboxContext } from './context.ts';
import { hexId } from './random.ts';
import type { Cancel } from './scheduler.ts';
import type { SimSession } from './sessions.ts';
import type { SimTask } from './task.ts';
import { runRequest } from './trigger-fields.ts';

export type CronStatus = 'active' | 'paused' | 'completed';
export type RunStatus = 'running' | 'completed' | 'failed';

export interface SimCronJob extends Schedule {
  _id: string;
  userId: string;
  name: string;
  description: string;
  environmentId: string;
  policyId: string | null;
  timezone: string;
  prompt: string;
  startingUrl: string | null;
  outputType: 'text' | 'structured';
  outputSchema: unknown;
  deliveryMode: 'webhook' | 'bot' | 'both';
  webhook: unknown;
  retryPolicy: unknown;
  maxConsecutiveFailures: number;
  status: CronStatus;
  consecutiveFailures: number;
  nextRunAt: string | null;
  lastRunAt: string | null;
  /** Sandbox extra: why a job paused itself. */
  pausedReason: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface SimRun {
  _id: string;
  cronJobId: string;
  status: RunStatus;
  /** What started it: the schedule, or POST /trigger. */
  trigger: 'schedule' | 'manual';
  sessionId: string | null;
  taskId: string | null;
  createdAt: string;
  completedAt: string | null;
  result: { message: string; files: unknown[]; network: unknown[] } | null;
  usage: Record<string, number> | null;
  error: string | null;
  code: string | null;
}

interface JobState {
  job: SimCronJob;
  apiKey: string;
  runs: SimRun[];
  timer: Cancel | null;
  /** Simulated ms the `every` interval counts from (creation, resume, schedule edit). */
  anchorSim: number;
  /** Simulated ms of the occurrence the timer waits for. */
  dueSim: number | null;
}

export class TriggerEngine {
  private readonly jobs = new Map<string, JobState>();
  private readonly wall0 = Date.now();
  private readonly mono0: number;

  constructor(private readonly ctx: SandboxContext) {
    this.mono0 = ctx.scheduler.now();
    ctx.sessions.ended.add((session) => this.sessionEnded(session));
  }

  /** The sandbox's simulated wall clock (ms since the epoch). */
  simNow(): number {
    return this.wall0 + (this.ctx.scheduler.now() - this.mono0) / this.ctx.options.timeScale;
  }

  list(apiKey: string): JobState[] {
    return [...this.jobs.values()].filter((s) => s.apiKey === apiKey);
  }

  get(apiKey: string, id: string): JobState | undefined {
    const state = this.jobs.get(id);
    return state && state.apiKey === apiKey ? state : undefined;
  }

  add(apiKey: string, job: SimCronJob): JobState {
    const state: JobState = {
      job,
      apiKey,
      runs: [],
      timer: null,
      anchorSim: this.simNow(),
      dueSim: null,
    };
    this.jobs.set(job._id, state);
    this.arm(state);
    return state;
  }

  delete(state: JobState): void {
    state.timer?.();
    this.jobs.delete(state.job._id);
  }

  /** After a schedule edit or a resume: count again from now. */
  reschedule(state: JobState): void {
    state.anchorSim = this.simNow();
    this.arm(state);
  }

  pause(state: JobState, reason: string | null): void {
    state.timer?.();
    state.timer = null;
    state.dueSim = null;
    Object.assign(state.job, {
      status: 'paused',
      nextRunAt: null,
      pausedReason: reason,
      updatedAt: new Date().toISOString(),
    });
  }

  resume(state: JobState): void {
    Object.assign(state.job, {
      status: 'active',
      consecutiveFailures: 0,
      pausedReason: null,
      updatedAt: new Date().toISOString(),
    });
    this.reschedule(state);
  }

  /** Starts a run now (POST /trigger, or the schedule). */
  run(state: JobState, trigger: SimRun['trigger']): SimRun {
    const now = new Date().toISOString();
    const run: SimRun = {
      _id: `run_${hexId(6)}`,
      cronJobId: state.job._id,
      status: 'running',
      trigger,
      sessionId: null,
      taskId: null,
      createdAt: now,
      completedAt: null,
      result: null,
      usage: null,
      error: null,
      code: null,
    };
    state.runs.unshift(run);
    state.job.lastRunAt = now;
    const env = this.ctx.environments.owned(state.apiKey, state.job.environmentId);
    if (!env) {
      this.settle(state, run, null, {
        error: 'Environment not found',
        code: 'ENVIRONMENT_NOT_FOUND',
      });
      return run;
    }
    // A trigger run is a run-task on WebRun's side: its own session, ended with its task.
    const session = this.ctx.sessions.create(state.apiKey, 'completed');
    session.environmentId = env._id;
    session.cronRun = run._id;
    this.ctx.environments.used(env);
    const submitted = submitTask(this.ctx, session, runRequest(state.job));
    if (submitted.kind !== 'task') {
      this.ctx.sessions.discard(session);
      const body =
        submitted.kind === 'error'
          ? (submitted.reply.body as { message?: string; code?: string })
          : {};
      this.settle(state, run, null, {
        error: body.message ?? 'Run could not start',
        code: body.code ?? null,
      });
      return run;
    }
    run.sessionId = session.id;
    run.taskId = submitted.task.id;
    return run;
  }

  private sessionEnded(session: SimSession): void {
    if (!session.cronRun) return;
    for (const state of this.jobs.values()) {
      const run = state.runs.find((r) => r._id === session.cronRun);
      if (run)
        return this.settle(
          state,
          run,
          run.taskId ? (session.tasks.get(run.taskId) ?? null) : null,
          null,
        );
    }
  }

  private settle(
    state: JobState,
    run: SimRun,
    task: SimTask | null,
    failure: { error: string; code: string | null } | null,
  ): void {
    if (run.status !== 'running') return;
    run.completedAt = new Date().toISOString();
    if (task) run.usage = { ...task.usage() };
    if (task?.state === 'completed' && task.result) {
      run.status = 'completed';
      run.result = task.result;
    } else {
      run.status = 'failed';
      const planned = task?.plan.outcome.kind === 'failed' ? task.plan.outcome.failure : null;
      run.error =
        failure?.error ??
        (task?.state === 'failed' && planned
          ? planned.error
          : `Task ${task?.state ?? 'did not run'}`);
      run.code = failure?.code ?? (task?.state === 'failed' && planned ? planned.code : null);
    }
    const { job } = state;
    if (run.status === 'completed') job.consecutiveFailures = 0;
    else job.consecutiveFailures += 1;
    if (
      run.status === 'failed' &&
      job.status === 'active' &&
      job.consecutiveFailures >= job.maxConsecutiveFailures
    ) {
      this.pause(
        state,
        `Paused automatically after ${job.consecutiveFailures} consecutive failures`,
      );
    }
  }

  /**
   * Arms the timer for the next occurrence on the simulated clock, if the job is active.
   * `fired` is the occurrence that just ran, so the same one is never run twice.
   */
  private arm(state: JobState, fired: number | null = null): void {
    state.timer?.();
    state.timer = null;
    state.dueSim = null;
    const { job } = state;
    if (job.status !== 'active') {
      job.nextRunAt = null;
      return;
    }
    const simNow = this.simNow();
    // An `at` time already past when the job was made runs at once, like a missed one.
    const overdue =
      fired === null &&
      job.scheduleType === 'at' &&
      job.lastRunAt === null &&
      Date.parse(job.scheduleAt ?? '') <= simNow;
    const next = overdue
      ? simNow
      : nextOccurrence(job, Math.max(simNow, fired ?? -Infinity), state.anchorSim);
    if (next === null) {
      job.nextRunAt = null;
      if (job.scheduleType === 'at') job.status = 'completed';
      return;
    }
    const realDelay = Math.max(0, (next - simNow) * this.ctx.options.timeScale);
    state.dueSim = next;
    job.nextRunAt = new Date(Date.now() + realDelay).toISOString();
    if (this.ctx.options.triggerClock === 'stopped') return;
    state.timer = this.ctx.scheduler.after(realDelay, () => {
      state.timer = null;
      if (job.status !== 'active' || !this.jobs.has(job._id)) return;
      this.run(state, 'schedule');
      if (job.scheduleType === 'at' && job.status === 'active') {
        job.status = 'completed';
        job.nextRunAt = null;
        return;
      }
      this.arm(state, next);
    });
  }
}
