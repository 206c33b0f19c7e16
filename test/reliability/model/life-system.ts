// The system under the model-based test: the real Runner and its real stores on a temp
// SQLite file, the real WebRunClient talking to a scripted WebRun over loopback HTTP, fake
// socket channels the test drives (events duplicated, reordered, dropped), store errors
// injected at a chosen write, and restarts of the core. After every step it checks the
// invariants of a task's life and records each violation in words.
import { join } from 'node:path';
import { DeskError } from '../../../src-main/contract/dispatch';
import { ACTIVE, isEnded } from '../../../src-main/contract/task-status';
import { Runner } from '../../../src-main/core/runner/runner';
import {
  DEFAULT_DEADLINE_GRACE_MS,
  DEFAULT_MAX_DURATION_MS,
} from '../../../src-main/core/runner/runner-options';
import type { ChannelFactory } from '../../../src-main/core/runner/session-links';
import { openStore } from '../../../src-main/core/store/open-store';
import { storageProblem } from '../../../src-main/core/store/storage-errors';
import { SessionStore } from '../../../src-main/core/store/session-store';
import { TaskDetailsStore } from '../../../src-main/core/store/task-details-store';
import { TaskStore, type StoredTask } from '../../../src-main/core/store/task-store';
import { WebRunClient } from '../../../src-main/core/webrun/client';
import type { ChannelState, ChannelStateInfo } from '../../../src-main/core/webrun/socket-channel';
import type { SocketEvent } from '../../../src-main/core/webrun/socket-events';
import { tempDir } from '../../helpers/temp';
import { FakeClock } from './fake-clock';
import type { ScriptedWebRun } from './scripted-webrun';

export const KEY = 'wr_model_secret_key';
const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const GRACE = DEFAULT_DEADLINE_GRACE_MS;
/** Stores and methods that write: a fault makes the chosen one throw SQLITE_BUSY. */
const WRITES: Record<'store' | 'details' | 'sessions', string[]> = {
  store: ['update', 'claimAll', 'appendEvent'],
  details: ['addUsageSample', 'addFiles', 'askGuardrail', 'closeGuardrail'],
  sessions: ['open', 'end', 'adopt'],
};

/** How the tasks of every run ended (status, or status:error code), for the closing report. */
export const outcomes = new Map<string, number>();
/** What the runs injected that actually reached the core (socket, store, restarts, controls). */
export const injected = new Map<string, number>();
const inject = (kind: string): void => void injected.set(kind, (injected.get(kind) ?? 0) + 1);

export class FakeChannel {
  private readonly events = new Set<(event: SocketEvent) => void>();
  private readonly states = new Set<(state: ChannelState, info: ChannelStateInfo) => void>();
  closed = false;
  connected = false;
  constructor(readonly sessionId: string) {}
  connect(): void {}
  on(fn: (event: SocketEvent) => void): () => void {
    this.events.add(fn);
    return () => this.events.delete(fn);
  }
  onState(fn: (state: ChannelState, info: ChannelStateInfo) => void): () => void {
    this.states.add(fn);
    return () => this.states.delete(fn);
  }
  close(): void {
    this.closed = true;
  }
  setState(connected: boolean, recovered: boolean): void {
    if (this.closed) return;
    this.connected = connected;
    for (const fn of this.states) fn(connected ? 'connected' : 'reconnecting', { recovered });
  }
  emit(event: SocketEvent): void {
    if (!this.closed && this.connected) for (const fn of this.events) fn(event);
  }
}

export class LifeSystem {
  readonly clock: FakeClock;
  readonly violations: string[] = [];
  readonly channels: FakeChannel[] = [];
  readonly taskIds: string[] = [];
  private readonly temp = tempDir('webrun-life-');
  private readonly dbPath = join(this.temp.dir, 'history.db');
  private db!: ReturnType<typeof openStore>['db'];
  store!: TaskStore;
  runner!: Runner;
  /** Writes left before the injected failure (-1: none armed). */
  private faultIn = -1;
  private readonly lastCost = new Map<string, number>();
  private readonly runningSince = new Map<string, number>();
  private readonly maxDuration = new Map<string, number>();
  private seq = 0;
  private closed = false;
  /** Tasks a person asked to check: followed again, outside the concurrency limit. */
  private readonly checked = new Set<string>();

  constructor(private readonly webrun: ScriptedWebRun) {
    this.clock = new FakeClock(START, () => this.settle());
    this.boot();
  }

  private boot(): void {
    const opened = openStore(this.dbPath);
    this.db = opened.db;
    const store = new TaskStore(opened.db, this.clock.now);
    const details = new TaskDetailsStore(opened.db);
    const sessions = new SessionStore(opened.db, `run-${this.seq}`);
    this.injectFaults({ store, details, sessions });
    this.store = store;
    const client = new WebRunClient({
      baseUrl: this.webrun.url,
      apiKey: KEY,
      now: this.clock.now,
      timeouts: { submitMs: 150, pollMs: 150, otherMs: 150 },
    });
    this.countCalls(client);
    const factory: ChannelFactory = (_url, sessionId) => {
      const channel = new FakeChannel(sessionId);
      this.channels.push(channel);
      return channel;
    };
    this.runner = new Runner({
      store,
      details,
      sessions,
      client,
      baseUrl: this.webrun.url,
      onTaskChanged: (task) => this.observe(task),
      channelFactory: factory,
      now: this.clock.now,
      setTimeout: this.clock.setTimeout,
      clearTimeout: this.clock.clearTimeout,
      random: () => 0.5,
      concurrency: () => 2,
    });
  }

  /** Calls to WebRun not finished yet: settle() waits for them (the request may not have arrived). */
  private calls = 0;

  private countCalls(client: WebRunClient): void {
    const target = client as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
    for (const method of [
      'runTask',
      'pollTask',
      'startSession',
      'newTask',
      'setState',
      'interact',
      'answerGuardrail',
    ]) {
      const original = target[method]!.bind(client);
      target[method] = async (...args: unknown[]) => {
        this.calls += 1;
        try {
          return await original(...args);
        } finally {
          this.calls -= 1;
        }
      };
    }
  }

  private injectFaults(targets: Record<keyof typeof WRITES, object>): void {
    for (const [name, methods] of Object.entries(WRITES) as [keyof typeof WRITES, string[]][]) {
      const target = targets[name] as Record<string, (...args: unknown[]) => unknown>;
      for (const method of methods) {
        const original = target[method]!.bind(target);
        target[method] = (...args: unknown[]) => {
          if (this.faultIn === 0) {
            this.faultIn = -1;
            inject('store: write refused');
            throw Object.assign(new Error(`database is locked (injected at ${name}.${method})`), {
              code: 'SQLITE_BUSY',
            });
          }
          if (this.faultIn > 0) this.faultIn -= 1;
          return original(...args);
        };
      }
    }
  }

  /** Every stored change passes here: the cost rule is checked on each one. */
  private observe(task: StoredTask): void {
    const before = this.lastCost.get(task.id);
    const cost = task.usage?.cost ?? null;
    if (before !== undefined) {
      if (cost === null)
        this.violations.push(
          `task ${task.id}: known cost $${before} replaced by unknown (${task.status})`,
        );
      else if (cost < before && !isEnded(task.status))
        this.violations.push(
          `task ${task.id}: cost lowered from $${before} to $${cost} by a running figure`,
        );
    }
    if (cost !== null) this.lastCost.set(task.id, cost);
    if (task.status === 'running') {
      if (!this.runningSince.has(task.id)) this.runningSince.set(task.id, this.clock.now());
    } else {
      this.runningSince.delete(task.id);
    }
  }

  // ── Steps ────────────────────────────────────────────────────────────────────────────

  createTask(mode: 'oneshot' | 'session', maxDurationMs: number | null): void {
    const id = `task-${++this.seq}`;
    this.maxDuration.set(id, maxDurationMs ?? DEFAULT_MAX_DURATION_MS);
    const task = this.store.create({
      id,
      prompt: `Do the thing [task:${id}]`,
      startingUrl: null,
      createdAt: this.clock.now(),
      mode,
      options: { maxDuration: maxDurationMs },
    });
    this.taskIds.push(id);
    this.runner.enqueue(task);
  }

  armFault(afterWrites: number): void {
    this.faultIn = afterWrites;
  }

  task(index: number): string | null {
    return this.taskIds.length === 0 ? null : this.taskIds[index % this.taskIds.length]!;
  }

  /** A person's control; a refusal (the task is not in a state for it) is part of the game. */
  async control(
    kind: 'pause' | 'resume' | 'stop' | 'cancel' | 'answer' | 'check',
    index: number,
  ): Promise<void> {
    const id = this.task(index);
    if (!id) return;
    const c = this.runner.controls;
    const run = async (): Promise<void> => {
      if (kind === 'pause') await c.pause(id);
      else if (kind === 'resume') await c.resume(id);
      else if (kind === 'stop') await c.userStop(id);
      else if (kind === 'cancel') await c.cancel(id);
      else if (kind === 'answer') await c.answer(id, 'the answer');
      else {
        c.check(id);
        this.checked.add(id);
      }
    };
    try {
      await run();
      inject(`control: ${kind} done`);
    } catch (error) {
      // Refusals are part of the game (a DeskError with a reason, an injected store failure);
      // anything else is a bug the model must see, not swallow.
      if (error instanceof DeskError || storageProblem(error)) {
        inject(`control: ${kind} refused`);
        return;
      }
      this.violations.push(`${kind} on ${id} threw ${(error as Error)?.stack ?? String(error)}`);
    }
  }

  socket(
    index: number,
    action: 'up' | 'down' | 'resync',
    events: SocketEvent[],
    duplicate: boolean,
    reverse: boolean,
  ): void {
    const open = this.channels.filter((c) => !c.closed);
    if (open.length === 0) return;
    const channel = open[index % open.length]!;
    inject(`socket: ${action}`);
    if (action === 'up') channel.setState(true, true);
    else if (action === 'down') channel.setState(false, false);
    else channel.setState(true, false);
    const list = reverse ? [...events].reverse() : events;
    for (const event of list) {
      if (channel.connected) inject(`socket: ${event.kind}${duplicate ? ' (twice)' : ''}`);
      channel.emit(event);
      if (duplicate) channel.emit(event);
    }
  }

  async restart(): Promise<void> {
    await this.settle();
    inject('restart');
    this.reboot();
    await this.settle();
  }

  /**
   * A restart (a crash, a power cut) while a task's submission is at WebRun: the new core must
   * not send it again, and a task whose answer never came is `unknown`, never queued.
   */
  async restartMidSubmission(mode: 'oneshot' | 'session'): Promise<void> {
    await this.settle();
    this.webrun.submitAnswers.unshift({ kind: 'hang', acted: true });
    this.createTask(mode, null);
    const id = this.taskIds.at(-1)!;
    const sending = (): boolean =>
      this.store.get(id)?.status === 'submitting' && this.webrun.inFlight > 0;
    for (let i = 0; i < 200 && !sending(); i++) await new Promise<void>((r) => setTimeout(r, 1));
    if (!sending()) return; // dispatch held (paused, slots full, a refused write): not this fault
    inject('restart: mid-submission');
    this.reboot();
    await this.settle();
  }

  private reboot(): void {
    this.runner.close();
    this.db.close();
    this.channels.length = 0;
    this.faultIn = -1;
    this.boot();
    this.runner.recover();
    // The deadline is stored with each task: a restart does not start its clock again.
  }

  resumeQueue(): void {
    this.runner.setPaused(false);
  }

  /** Waits until no request is in flight and no callback is pending. */
  async settle(): Promise<void> {
    for (let quiet = 0; quiet < 3;) {
      await new Promise<void>((r) => setImmediate(r));
      if (this.calls > 0 || this.webrun.inFlight > 0) {
        quiet = 0;
        await new Promise<void>((r) => setTimeout(r, 1));
      } else {
        quiet += 1;
      }
    }
  }

  // ── Invariants ───────────────────────────────────────────────────────────────────────

  check(step: string): void {
    const now = this.clock.now();
    const v = (text: string) => this.violations.push(`after ${step}: ${text}`);
    for (const [taskId, count] of this.webrun.acted)
      if (count > 1) v(`task ${taskId} submitted ${count} times to WebRun`);
    for (const seen of this.webrun.seen) {
      if (seen.server === 'foreign' && seen.auth !== undefined)
        v(`the key went to a foreign origin (${seen.method} ${seen.path})`);
      if (seen.server === 'webrun' && seen.auth !== `Bearer ${KEY}`)
        v(`a request to WebRun went without the key (${seen.path})`);
    }
    const dispatched = [...this.runner.tracked.keys()].filter((id) => !this.checked.has(id)).length;
    if (dispatched > 2) v(`${dispatched} dispatched tasks hold slots; the limit is 2`);
    for (const [id] of this.runner.tracked) {
      const task = this.store.get(id);
      if (!task || !ACTIVE.has(task.status))
        v(`task ${id} holds a slot while ${task?.status ?? 'gone'}`);
    }
    for (const id of this.taskIds) {
      const task = this.store.get(id)!;
      if (ACTIVE.has(task.status) && !this.runner.isActive(id))
        v(`task ${id} is ${task.status} but nothing follows it`);
      if (task.status === 'submitting' && !this.runner.isFollowed(id))
        v(`task ${id} is still submitting with no request in flight and nothing planned`);
      if (task.status === 'running') {
        if (!this.runner.isFollowed(id))
          v(`task ${id} is running with no poll planned and no live socket`);
        const since = this.runningSince.get(id) ?? now;
        const deadline = since + this.maxDuration.get(id)! + GRACE;
        if (now > deadline) v(`task ${id} is still running ${now - deadline} ms past its deadline`);
      }
    }
  }

  /** At the end: after enough time, every task has ended or waits for its person. */
  checkEnded(): void {
    for (const id of this.taskIds) {
      const task = this.store.get(id)!;
      const waitsForPerson =
        task.status === 'paused' ||
        task.status === 'needs_input' ||
        (task.status === 'queued' && this.runner.paused);
      if (!isEnded(task.status) && !waitsForPerson)
        this.violations.push(`at the end: task ${id} never ended (${task.status})`);
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.settle();
    for (const id of this.taskIds) {
      const task = this.store.get(id)!;
      const key = task.error?.code ? `${task.status}: ${task.error.code}` : task.status;
      outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
    }
    this.runner.close();
    this.db.close();
    this.temp.cleanup();
  }
}
