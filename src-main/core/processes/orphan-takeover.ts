// Tasks left by a host that ran its own (the MCP server) and then died or closed: the app
// open on the same history takes them over within seconds, rather than at its next start. A
// killed process writes nothing, so the change watch cannot tell: its heartbeat going stale
// can, and this looks for that every heartbeat. A task caught mid-submission follows the
// recovery rule (unknown, never resent); a queued one is sent by this desk's queue.
import type { Runner } from '../runner/runner';
import { HEARTBEAT_MS, type HostLeases } from '../store/host-leases';
import type { TaskStore } from '../tasks/task-store';

export interface OrphanTakeoverOptions {
  leases: Pick<HostLeases, 'reapDead' | 'orphaned' | 'takeOver' | 'heldElsewhere'>;
  store: TaskStore;
  runner: Pick<Runner, 'adopt' | 'isActive' | 'kick'>;
  log: (line: string) => void;
  /** Also run on each look (the approvals of a dead host leave the inbox). */
  afterLook?: () => void;
  intervalMs?: number;
}

/** Takes over what dead hosts left, on every heartbeat; returns the stop function. */
export function takeOverOrphans(o: OrphanTakeoverOptions): () => void {
  const timer = setInterval(() => lookForOrphans(o), o.intervalMs ?? HEARTBEAT_MS);
  timer.unref();
  return () => clearInterval(timer);
}

/** One look: takes over what hosts that are gone left unfinished. */
export function lookForOrphans(o: Omit<OrphanTakeoverOptions, 'intervalMs'>): void {
  try {
    let queued = false;
    o.leases.reapDead();
    for (const id of o.leases.orphaned()) {
      if (o.runner.isActive(id) || !o.leases.takeOver(id)) continue;
      const task = o.store.get(id);
      // A live process may have claimed a queued row between the take-over and this read (a
      // `resume` continuing a dead batch): it sends it and holds it, so it is not ours.
      // Adopting it here turned it unknown mid-submission, and WebRun's answer was lost.
      if (!task || o.leases.heldElsewhere(id)) continue;
      o.log(`Taking over task ${id.slice(0, 8)}: the process that ran it is gone.`);
      if (task.status === 'queued') queued = true;
      else o.runner.adopt(task);
    }
    if (queued) o.runner.kick();
    o.afterLook?.();
  } catch {
    // A closed or broken database: the host reports storage problems elsewhere.
  }
}
