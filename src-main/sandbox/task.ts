// A running simulated task: walks its plan's timeline on real timers (simulated ms x time
// scale), can be paused, resumed, stopped, terminated and held at a guardrail. Usage is a pure
// function of how much simulated time has actively run, so it grows while running and freezes
// while paused or waiting for an answer. Simulated time is the scheduler's clock since the last
// (re)start, scaled: timers only decide when narrative events go out, never what time it is.
import type { Cancel, Scheduler } from './scheduler.ts';
import {
  type PlanEvent,
  type PlannedFile,
  type SimUsage,
  type TaskPlan,
  usageAt,
} from './simulation.ts';
import { alnumId } from './random.ts';

export type TaskState =
  'running' | 'paused' | 'guardrail' | 'completed' | 'failed' | 'stopped' | 'terminated';

export interface ResultFile {
  source: string;
  downloadUrl: string;
  filename: string;
  timestamp: number;
}

export interface ResultNetwork {
  id: string;
  taskId: string;
  urls: { url: string; timestamp: number }[];
}

export interface TaskDeps {
  scheduler: Scheduler;
  timeScale: number;
  /** Narrative socket events (agent, action, response_update, guardrail_trigger). */
  emit(payload: Record<string, unknown>): void;
  /** Store a produced file and say where it downloads from. */
  registerFile(file: PlannedFile): { downloadUrl: string };
  onAction(name: string, target: string, url: string | undefined): void;
  /** Called once when the task reaches a final state. */
  onFinish(task: SimTask): void;
}

export class SimTask {
  readonly id = alnumId(12);
  readonly startedAt = Date.now();
  state: TaskState = 'running';
  guardrailValue: string | null = null;
  completedAt: string | null = null;
  result: { message: string; files: ResultFile[]; network: ResultNetwork[] } | null = null;

  private cursor = 0;
  private progress = 0; // simulated ms run so far, as of `resumedAt`
  private resumedAt: number | null = null; // scheduler clock when last (re)started
  private cancelTimer: Cancel | null = null;
  private readonly settleListeners = new Set<() => void>();

  constructor(
    readonly sessionId: string,
    readonly plan: TaskPlan,
    readonly terminateOnCompletion: boolean,
    private readonly deps: TaskDeps,
  ) {}

  start(): void {
    this.resumedAt = this.deps.scheduler.now();
    this.scheduleNext();
  }

  /** Still running (maybe paused): an inline request keeps waiting and polls say "running". */
  get active(): boolean {
    return this.state === 'running' || this.state === 'paused';
  }

  /** Final: no further transitions. A guardrail wait is neither active nor final. */
  get finished(): boolean {
    return !this.active && this.state !== 'guardrail';
  }

  /**
   * Simulated ms of active running so far: clock time since the last (re)start, scaled, added
   * to what ran before. It keeps growing when a narrative timer fires late, and it is capped
   * only where the plan stops the clock (the unanswered guardrail, or the end), so a late
   * guardrail or end timer never lets usage overshoot and then jump back. Monotonic.
   */
  elapsed(): number {
    if (this.resumedAt === null) return this.progress;
    const running =
      this.progress + (this.deps.scheduler.now() - this.resumedAt) / this.deps.timeScale;
    return Math.max(this.progress, Math.min(running, this.nextStopAt()));
  }

  /**
   * Where the simulated clock stops next: the first guardrail or end not yet passed. A
   * guardrail is passed only once answered, which requires its event to have fired.
   */
  private nextStopAt(): number {
    for (let i = this.cursor; i < this.plan.events.length; i++) {
      const event = this.plan.events[i];
      if (event && (event.kind === 'guardrail' || event.kind === 'end')) return event.at;
    }
    return this.plan.endMs;
  }

  usage(): SimUsage {
    return usageAt(this.plan, this.elapsed());
  }

  pause(): void {
    if (this.state !== 'running') return;
    this.freeze();
    this.state = 'paused';
    this.deps.emit({ type: 'response_update', data: { message: 'Task paused.' } });
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'running';
    this.deps.emit({ type: 'response_update', data: { message: 'Task resumed.' } });
    this.start();
  }

  answerGuardrail(resume: boolean): boolean {
    if (this.state !== 'guardrail') return false;
    this.guardrailValue = null;
    if (!resume) {
      this.finish('stopped');
      return true;
    }
    this.state = 'running';
    this.start();
    return true;
  }

  stop(): void {
    if (this.finished) return;
    this.freeze();
    this.finish('stopped');
  }

  terminate(): void {
    if (this.finished) return;
    this.freeze();
    this.finish('terminated');
  }

  /**
   * Resolves when the task leaves the running state (guardrail or final), after `ms`, or on close.
   * When `ms` runs out, every step the plan puts inside the wait happens first: on a busy machine
   * the timer of the next step may still be waiting behind this one, and a task whose plan ends
   * inside the 50 s window must answer inline however late the timers run.
   */
  settled(ms: number): Promise<void> {
    const { scheduler } = this.deps;
    if (!this.active || scheduler.isClosed) return Promise.resolve();
    const until = this.elapsed() + ms / this.deps.timeScale;
    return new Promise((resolve) => {
      const done = (): void => {
        this.settleListeners.delete(done);
        scheduler.onClose.delete(done);
        cancel();
        resolve();
      };
      this.settleListeners.add(done);
      scheduler.onClose.add(done);
      const cancel = scheduler.after(ms, () => {
        this.catchUpTo(until);
        done();
      });
    });
  }

  /** Fires, in order, every planned step due by simulated time `at` while the task runs. */
  private catchUpTo(at: number): void {
    while (this.state === 'running') {
      const event = this.plan.events[this.cursor];
      if (!event || event.at > at) return;
      this.cancelTimer?.();
      this.cancelTimer = null;
      this.cursor++;
      this.fire(event);
      if (this.state === 'running') this.scheduleNext();
    }
  }

  private freeze(): void {
    this.progress = this.elapsed();
    this.resumedAt = null;
    this.cancelTimer?.();
    this.cancelTimer = null;
  }

  /** The clock stops at the guardrail or end (elapsed() already held it there). */
  private stopClockAt(at: number): void {
    this.progress = Math.max(this.progress, at);
    this.resumedAt = null;
  }

  private scheduleNext(): void {
    const event = this.plan.events[this.cursor];
    if (!event) return;
    const delay = (event.at - this.elapsed()) * this.deps.timeScale;
    this.cancelTimer = this.deps.scheduler.after(delay, () => {
      this.cancelTimer = null;
      this.cursor++;
      this.fire(event);
      if (this.state === 'running') this.scheduleNext();
    });
  }

  private fire(event: PlanEvent): void {
    switch (event.kind) {
      case 'update':
        this.deps.emit({ type: 'response_update', data: { message: event.message } });
        return;
      case 'agent':
        this.deps.emit({ type: 'agent', content: event.content });
        return;
      case 'action':
        this.deps.onAction(event.name, event.target, event.url);
        this.deps.emit({ type: 'action', data: { name: event.name, target: event.target } });
        return;
      case 'guardrail':
        this.stopClockAt(event.at);
        this.state = 'guardrail';
        this.guardrailValue = event.value;
        this.deps.emit({
          type: 'guardrail_trigger',
          data: { type: 'human_input_needed', value: event.value },
        });
        this.notifySettled();
        return;
      case 'end':
        this.stopClockAt(event.at);
        if (this.plan.outcome.kind === 'completed') {
          this.result = {
            message: this.plan.outcome.message,
            files: this.produceFiles(),
            network: this.networkLog(),
          };
          this.finish('completed');
        } else {
          this.finish('failed');
        }
        return;
    }
  }

  private finish(state: 'completed' | 'failed' | 'stopped' | 'terminated'): void {
    this.state = state;
    this.guardrailValue = null;
    this.completedAt = new Date().toISOString();
    this.deps.onFinish(this);
    this.notifySettled();
  }

  private notifySettled(): void {
    for (const listener of [...this.settleListeners]) listener();
  }

  /** Wall-clock stamp for something that happened `at` simulated ms into the task. */
  private stamp(at: number): number {
    return this.startedAt + at * this.deps.timeScale;
  }

  private produceFiles(): ResultFile[] {
    return this.plan.files.map((file) => ({
      source: file.source,
      downloadUrl: this.deps.registerFile(file).downloadUrl,
      filename: file.filename,
      timestamp: Math.round(this.stamp(file.at)),
    }));
  }

  private networkLog(): ResultNetwork[] {
    return this.plan.network.map((entry) => ({
      id: entry.id,
      taskId: this.id,
      // Fractional milliseconds, like the documented example (1771138379087.646).
      urls: entry.urls.map((u, i) => ({
        url: u.url,
        timestamp: Math.round(this.stamp(u.at)) + ((i * 379) % 1000) / 1000,
      })),
    }));
  }
}
