// One core of the model-based test: the real Runner and its real stores on its own connection
// to the history file, with its own host lease, its own WebRunClient to the scripted WebRun and
// its own fake socket channels. The model runs two of these on one file (the app beside `run`
// or `resume`, as two processes would), so it sees what each does to the other's tasks.
import { Runner } from '../../../src-main/core/runner/runner';
import type { ChannelFactory } from '../../../src-main/core/runner/session-links';
import { HostLeases } from '../../../src-main/core/store/host-leases';
import { openStore } from '../../../src-main/core/store/open-store';
import { SessionStore } from '../../../src-main/core/sessions/session-store';
import { TaskDetailsStore } from '../../../src-main/core/tasks/task-details-store';
import { TaskStore, type StoredTask } from '../../../src-main/core/tasks/task-store';
import { WebRunClient } from '../../../src-main/core/webrun/client';
import { FakeChannel } from './fake-channel';
import type { FakeClock } from './fake-clock';

export const KEY = 'wr_model_secret_key';

/** Stores and methods that write: a fault makes the chosen one throw SQLITE_BUSY. */
export const WRITES: Record<'store' | 'details' | 'sessions', string[]> = {
  store: ['update', 'claimAll', 'appendEvent'],
  details: ['addUsageSample', 'addFiles', 'askGuardrail', 'closeGuardrail'],
  sessions: ['open', 'end', 'adopt'],
};

export interface CoreWiring {
  dbPath: string;
  baseUrl: string;
  clock: FakeClock;
  /** Every channel any core opens (the model's socket steps pick among the open ones). */
  channels: FakeChannel[];
  onTaskChanged: (task: StoredTask) => void;
  /** Wraps the stores' writes so an armed fault can refuse one. */
  injectFaults: (targets: Record<keyof typeof WRITES, object>) => void;
  /** Counts the client's calls in flight, and which of them were submissions. */
  countCalls: (client: WebRunClient, core: Core) => void;
}

export class Core {
  readonly db: ReturnType<typeof openStore>['db'];
  readonly store: TaskStore;
  readonly runner: Runner;
  readonly leases: HostLeases;
  /** Submissions this core sent (run-task or newTask), over its life. */
  sent = 0;
  private closed = false;

  constructor(
    readonly name: 'A' | 'B',
    seq: number,
    w: CoreWiring,
  ) {
    const opened = openStore(w.dbPath);
    this.db = opened.db;
    const store = new TaskStore(opened.db, w.clock.now);
    const details = new TaskDetailsStore(opened.db);
    const sessions = new SessionStore(opened.db, `run-${name}-${seq}`);
    w.injectFaults({ store, details, sessions });
    this.store = store;
    // Leases live in real time (their heartbeat is a real interval): the fake clock jumps
    // minutes at a step, which would make a live core look dead to the other one.
    this.leases = new HostLeases(opened.db);
    this.leases.register(`core-${name}-${seq}`, name === 'A' ? 'app' : 'resume');
    const client = new WebRunClient({
      baseUrl: w.baseUrl,
      apiKey: KEY,
      now: w.clock.now,
      timeouts: { submitMs: 150, pollMs: 150, otherMs: 150 },
    });
    w.countCalls(client, this);
    const factory: ChannelFactory = (_url, sessionId) => {
      const channel = new FakeChannel(sessionId);
      w.channels.push(channel);
      return channel;
    };
    this.runner = new Runner({
      store,
      details,
      sessions,
      client,
      baseUrl: w.baseUrl,
      onTaskChanged: w.onTaskChanged,
      channelFactory: factory,
      heldElsewhere: (id) => this.leases.heldElsewhere(id),
      hostId: this.leases.id,
      hold: (id) => this.leases.hold(id),
      now: w.clock.now,
      setTimeout: w.clock.setTimeout,
      clearTimeout: w.clock.clearTimeout,
      random: () => 0.5,
      concurrency: () => 2,
    });
  }

  /**
   * The process ends (a crash or a restart): nothing more is written, and its lease goes at
   * once, as HostLeases.reapDead does for a process gone from this machine.
   */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.runner.close();
    this.leases.close();
    this.db.close();
  }

  isClosed(): boolean {
    return this.closed;
  }
}
