// Other processes on this desk's history (the app, `run`, `resume`, the MCP server, `watch
// run`): what they change reaches this desk as if made here, and what a dead one left
// unfinished is taken over by a desk that follows everyone's tasks (the app).
import type Database from 'better-sqlite3';
import type { Budget } from '../budget/wire-budget';
import type { Approvals } from '../mcp-approvals/wire-approvals';
import type { RunnerModule } from '../runner/wire-runner';
import type { LiveSettings } from '../settings/live-settings';
import type { HostLeases } from '../store/host-leases';
import type { TaskTables } from '../tasks/wire-tasks';
import type { Watches } from '../watches/wire-watches';
import { takeOverOrphans } from './orphan-takeover';
import { followOtherProcesses, type OtherProcesses } from './other-processes';

export interface Processes {
  others: OtherProcesses;
  /** Stops looking for what dead hosts left (nothing to stop when this desk does not look). */
  stopTakeover: () => void;
}

export function wireProcesses(o: {
  db: Database.Database;
  tables: Pick<TaskTables, 'store'>;
  leases: HostLeases;
  queue: Pick<RunnerModule, 'runner' | 'changed'>;
  approvals: Pick<Approvals, 'publish'>;
  watches: Pick<Watches, 'externalChange'>;
  settings: Pick<LiveSettings, 'reload'>;
  budget: Budget;
  /** Take over what dead hosts left: a desk that recovers and follows everyone's tasks. */
  recovers: boolean;
  holdsOwnTasks: boolean;
  log: (line: string) => void;
}): Processes {
  const { runner } = o.queue;
  const others = followOtherProcesses({
    db: o.db,
    store: o.tables.store,
    taskChanged: o.queue.changed,
    // The approvals list may have changed; the app beside this process may have changed the
    // caps or the runner's preferences, and `watch run` beside the app may have raised alerts.
    afterChange: () => {
      o.approvals.publish();
      o.watches.externalChange();
      o.settings.reload();
      o.budget.monitor.refresh(true);
      runner.kick();
    },
  });
  const stopTakeover =
    o.recovers && !o.holdsOwnTasks
      ? takeOverOrphans({
          leases: o.leases,
          store: o.tables.store,
          runner,
          log: o.log,
          afterLook: o.approvals.publish,
        })
      : () => {};
  return { others, stopTakeover };
}
