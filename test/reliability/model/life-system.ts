// The system under the model-based test: two cores (core.ts: the real Runner and its real
// stores, each on its own connection to one temp SQLite file with its own host lease, as the
// app and `run` or `resume` are two processes on one history), the real WebRunClient talking
// to a scripted WebRun over loopback HTTP, fake socket channels the test drives (events
// duplicated, reordered, dropped), store errors injected at a chosen write, and restarts of
// either core, mid-submission too. Core A runs throughout; core B comes and goes. After every
// step it checks the invariants of a task's life and records each violation in words.
import { join } from 'node:path';
import { DeskError } from '../../../src-main/contract/dispatch';
import { ACTIVE, isEnded } from '../../../src-main/contract/task-status';
import { lookForOrphans } from '../../../src-main/core/processes/orphan-takeover';
import {
  DEFAULT_DEADLINE_GRACE_MS,
  DEFAULT_MAX_DURATION_MS,
} from '../../../src-main/core/runner/runner-options';
import { storageProblem } from '../../../src-main/core/store/storage-errors';
import type { StoredTask } from '../../../src-main/core/tasks/task-store';
import type { SocketEvent } from '../../../src-main/core/webrun/socket-events';
import { tempDir } from '../../helpers/temp';
import { Core, KEY, type CoreWiring } from './core';
import type { FakeChannel } from './fake-channel';
import { FakeClock } from './fake-clock';
import { inject, Probes } from './probes';
import type { ScriptedWebRun } from './scripted-webrun';

export { KEY } from './core';
const START = Date.UTC(2026, 0, 5, 9, 0, 0);
const GRACE = DEFAULT_DEADLINE_GRACE_MS;
/** How the tasks of every run ended (status, or status:error code), for the closing report. */
export const outcomes = new Map<string, number>();
export { injected } from './probes';

export class LifeSystem {
  readonly clock: FakeClock;
  readonly violations: string[] = [];
  readonly channels: FakeChannel[] = [];
  readonly taskIds: string[] = [];
  private readonly temp = tempDir('webrun-life-');
  private readonly dbPath = join(this.temp.dir, 'history.db');
  /** Core A: runs throughout (the app). Core B comes and goes beside it (`run`, `resume`). */
  a!: Core;
  b: Core | null = null;
  private readonly probes = new Probes();
  private readonly lastCost = new Map<string, number>();
  private readonly runningSince = new Map<string, number>();
  private readonly maxDuration = new Map<string, number>();
  private seq = 0;
  private boots = 0;
  private closed = false;
  /** Tasks a person asked to check: followed again, outside the concurrency limit. */
  private readonly checked = new Set<string>();
  /** Tasks core A took over from a core B that ended: followed beyond A's own limit. */
  private readonly takenOver = new Set<string>();
  private readonly wiring: CoreWiring;

  constructor(private readonly webrun: ScriptedWebRun) {
    this.clock = new FakeClock(START, () => this.settle());
    this.wiring = {
      dbPath: this.dbPath,
      baseUrl: webrun.url,
      clock: this.clock,
      channels: this.channels,
      onTaskChanged: (task) => this.observe(task),
      injectFaults: (targets) => this.probes.injectFaults(targets),
      countCalls: (client, core) => this.probes.countCalls(client, core),
    };
    this.a = this.boot('A');
  }

  /** The history as core A reads it (both cores share the file). */
  get store(): Core['store'] {
    return this.a.store;
  }

  private boot(name: 'A' | 'B'): Core {
    return new Core(name, ++this.boots, this.wiring);
  }

  /** The live cores. */
  cores(): Core[] {
    return this.b ? [this.a, this.b] : [this.a];
  }

  /** The core that follows a task (holds its slot), if any. */
  private follower(id: string): Core | null {
    return this.cores().find((core) => core.runner.isActive(id)) ?? null;
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

  /** A new task, queued on core B when it is up and asked for, else on core A. */
  createTask(mode: 'oneshot' | 'session', maxDurationMs: number | null, on: 'A' | 'B' = 'A'): void {
    const core = on === 'B' && this.b ? this.b : this.a;
    const id = `task-${++this.seq}`;
    this.maxDuration.set(id, maxDurationMs ?? DEFAULT_MAX_DURATION_MS);
    const task = core.store.create({
      id,
      prompt: `Do the thing [task:${id}]`,
      startingUrl: null,
      createdAt: this.clock.now(),
      mode,
      options: { maxDuration: maxDurationMs },
    });
    this.taskIds.push(id);
    core.runner.enqueue(task);
  }

  armFault(afterWrites: number): void {
    this.probes.faultIn = afterWrites;
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
    // The person acts where the task is followed (the app, or the terminal that runs it).
    const c = (this.follower(id) ?? this.a).runner.controls;
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

  async restart(which: 'A' | 'B' = 'A'): Promise<void> {
    await this.settle();
    if (which === 'B' && !this.b) return this.startB();
    inject(which === 'A' ? 'restart' : 'restart: core B');
    this.reboot(which);
    await this.settle();
  }

  /**
   * A restart (a crash, a power cut) while a task's submission is at WebRun: the new core must
   * not send it again, and a task whose answer never came is `unknown`, never queued. Core B
   * caught so either starts again or stays down, and core A takes its tasks over.
   */
  async restartMidSubmission(
    mode: 'oneshot' | 'session',
    which: 'A' | 'B' = 'A',
    after: 'again' | 'down' = 'again',
  ): Promise<void> {
    await this.settle();
    if (which === 'B' && !this.b) await this.startB();
    const core = which === 'B' ? this.b! : this.a;
    this.webrun.submitAnswers.unshift({ kind: 'hang', acted: true });
    this.createTask(mode, null, which);
    const id = this.taskIds.at(-1)!;
    const sending = (): boolean =>
      core.runner.isActive(id) &&
      this.store.get(id)?.status === 'submitting' &&
      this.webrun.inFlight > 0;
    for (let i = 0; i < 200 && !sending(); i++) await new Promise<void>((r) => setTimeout(r, 1));
    if (!sending()) return; // dispatch held (paused, slots full, a refused write): not this fault
    if (which === 'A') {
      inject('restart: mid-submission');
      this.reboot('A');
    } else if (after === 'again') {
      inject('restart: core B mid-submission');
      this.reboot('B');
    } else {
      inject('restart: core B mid-submission, taken over by A');
      await this.stopB(false);
    }
    await this.settle();
  }

  /** Core B starts beside A (`resume` or `run` opened on the history the app has open). */
  async startB(): Promise<void> {
    if (this.b) return;
    this.b = this.boot('B');
    inject('core B: started');
    this.b.runner.recover();
    await this.settle();
  }

  /** Core B ends; core A takes over what it left, as the app's heartbeat look does. */
  async stopB(settleFirst = true): Promise<void> {
    if (!this.b) return;
    if (settleFirst) await this.settle();
    const left = [...this.b.runner.tracked.keys()];
    this.b.close();
    this.b = null;
    inject('core B: stopped');
    this.takeOver();
    for (const id of left) {
      // Taken over past A's limit: the limit holds back sends, and these were sent already.
      this.takenOver.add(id);
      if (this.a.runner.isActive(id) || isEnded(this.store.get(id)?.status ?? 'failed'))
        inject('core B: a task it left taken over by A');
    }
    await this.settle();
  }

  /** Core A's look for what a gone host left (orphan-takeover.ts: the app's, every heartbeat). */
  private takeOver(): void {
    lookForOrphans({ leases: this.a.leases, store: this.a.store, runner: this.a.runner, log() {} });
  }

  private reboot(which: 'A' | 'B'): void {
    const core = which === 'A' ? this.a : this.b!;
    core.close();
    this.probes.faultIn = -1;
    const fresh = this.boot(which);
    if (which === 'A') this.a = fresh;
    else this.b = fresh;
    fresh.runner.recover();
    // The deadline is stored with each task: a restart does not start its clock again.
  }

  resumeQueue(): void {
    for (const core of this.cores()) core.runner.setPaused(false);
  }

  /**
   * Each core's change watch (other-processes.ts) sees the other's writes and looks at its
   * queue again: a task one core could not send (its queue paused by a refused write) is the
   * other's to send.
   */
  othersSeen(): void {
    if (this.b) for (const core of this.cores()) core.runner.kick();
    // Core A (the app) also looks for what a gone core left, on every heartbeat.
    if (!this.b) this.takeOver();
  }

  /** Before the final wait: a core B that is down leaves its tasks to A. */
  async beforeTheEnd(): Promise<void> {
    if (!this.b) this.takeOver();
    await this.settle();
  }

  /** Waits until no request is in flight and no callback is pending. */
  async settle(): Promise<void> {
    for (let quiet = 0; quiet < 3;) {
      await new Promise<void>((r) => setImmediate(r));
      if (this.probes.calls > 0 || this.webrun.inFlight > 0) {
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
    for (const core of this.cores()) {
      const tracked = [...core.runner.tracked.keys()];
      const dispatched = tracked.filter(
        (id) => !this.checked.has(id) && !this.takenOver.has(id),
      ).length;
      if (dispatched > 2) v(`${dispatched} tasks hold core ${core.name}'s slots; the limit is 2`);
      for (const id of tracked) {
        const task = this.store.get(id);
        if (!task || !ACTIVE.has(task.status))
          v(`task ${id} holds a slot of core ${core.name} while ${task?.status ?? 'gone'}`);
      }
    }
    for (const id of this.taskIds) {
      const task = this.store.get(id)!;
      const following = this.cores().filter((core) => core.runner.isActive(id));
      if (following.length > 1) v(`task ${id} is followed by both cores`);
      const core = following[0];
      if (ACTIVE.has(task.status) && !core)
        v(`task ${id} is ${task.status} but nothing follows it`);
      if (this.probes.heard.has(id) && !task.remoteTaskId && !task.pollUrl)
        v(
          `task ${id}: WebRun's answer named it, but the history has no remote ids (${task.status})`,
        );
      if (!core) continue;
      if (task.status === 'submitting' && !core.runner.isFollowed(id))
        v(`task ${id} is still submitting with no request in flight and nothing planned`);
      if (task.status === 'running') {
        if (!core.runner.isFollowed(id))
          v(`task ${id} is running with no poll planned and no live socket`);
        const since = this.runningSince.get(id) ?? now;
        const deadline = since + this.maxDuration.get(id)! + GRACE;
        if (now > deadline) v(`task ${id} is still running ${now - deadline} ms past its deadline`);
      }
    }
  }

  /**
   * A queued task every core that may send it has paused (a refused write pauses a queue until
   * the person resumes it; a task a live core claimed once stays that core's to send).
   */
  private waitsForResume(id: string): boolean {
    return this.cores()
      .filter((core) => !core.leases.heldElsewhere(id))
      .every((core) => core.runner.paused);
  }

  /** At the end: after enough time, every task has ended or waits for its person. */
  checkEnded(): void {
    for (const id of this.taskIds) {
      const task = this.store.get(id)!;
      const waitsForPerson =
        task.status === 'paused' ||
        task.status === 'needs_input' ||
        (task.status === 'queued' && this.waitsForResume(id));
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
    this.b?.close();
    this.a.close();
    this.temp.cleanup();
  }
}
