// The app takes over what a killed process left (orphan-takeover.ts) while a `resume` started at
// the same moment claims the same queued row and sends it. The multi-process chaos test caught
// the interleaving: the app's take-over removed the dead host's hold, the resume claimed the row
// (submitting, held by the resume), and the app then read it as "submitting without ids" and
// adopted it: unknown, "The app stopped while this task was being submitted". The resume saw its
// task settled, closed, and WebRun's answer (billed, with its ids) was lost. Two connections on
// one file stand for the two processes; the resume's claim lands inside the app's look.
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { takeOverOrphans } from '../../src-main/core/processes/orphan-takeover';
import { HostLeases } from '../../src-main/core/store/host-leases';
import { openStore } from '../../src-main/core/store/open-store';
import { TaskStore } from '../../src-main/core/tasks/task-store';
import { tempDir } from '../helpers/temp';

const t = tempDir('webrun-orphan-race-');
const stops: (() => void)[] = [];
afterAll(() => t.cleanup());
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
});

function processOn(path: string, hostId: string) {
  const { db } = openStore(path);
  const leases = new HostLeases(db);
  leases.register(hostId, 'cli');
  stops.push(
    () => leases.close(),
    () => db.close(),
  );
  return { db, leases, store: new TaskStore(db) };
}

describe('taking over the tasks of a dead process', () => {
  it('leaves a row alone that a live process claimed while the app was taking it over', async () => {
    const path = join(t.dir, 'history.db');
    const batch = processOn(path, 'host-batch');
    batch.leases.holding(() =>
      batch.store.create({
        id: 'row-1',
        prompt: 'Price of a kettle',
        startingUrl: null,
        createdAt: 1,
      }),
    );
    // The batch is SIGKILLed: its host row stays, with a heartbeat that will never move again.
    batch.db.prepare("UPDATE desk_hosts SET heartbeat_at = 0 WHERE id = 'host-batch'").run();
    const resume = processOn(path, 'host-resume');
    const app = processOn(path, 'host-app');

    const runner = { adopt: vi.fn(), isActive: () => false, kick: vi.fn() };
    let claimed = false;
    const leases = Object.create(app.leases) as HostLeases;
    // The resume's claim commits right after the app removed the dead host's hold.
    leases.takeOver = (id) => {
      const taken = app.leases.takeOver(id);
      claimed = resume.store.claim(id, Date.now(), 'host-resume') !== null;
      return taken;
    };
    stops.push(
      takeOverOrphans({ leases, store: app.store, runner, log: () => {}, intervalMs: 10 }),
    );

    // The look runs on the take-over's timer: wait for it (it is synchronous once it starts).
    await vi.waitFor(() => expect(claimed).toBe(true), { timeout: 30_000 });
    expect(runner.adopt).not.toHaveBeenCalled();
    expect(app.store.get('row-1')?.status).toBe('submitting');
    expect(app.leases.heldElsewhere('row-1')).toBe(true);
  });

  it('still adopts a row the dead process left mid-submission (it becomes unknown there)', async () => {
    const path = join(t.dir, 'history-2.db');
    const batch = processOn(path, 'host-batch');
    batch.leases.holding(() =>
      batch.store.create({
        id: 'row-2',
        prompt: 'Price of a lamp',
        startingUrl: null,
        createdAt: 1,
      }),
    );
    batch.store.claim('row-2', Date.now(), 'host-batch');
    batch.db.prepare("UPDATE desk_hosts SET heartbeat_at = 0 WHERE id = 'host-batch'").run();
    const app = processOn(path, 'host-app');
    const runner = { adopt: vi.fn(), isActive: () => false, kick: vi.fn() };
    stops.push(
      takeOverOrphans({
        leases: app.leases,
        store: app.store,
        runner,
        log: () => {},
        intervalMs: 10,
      }),
    );
    await vi.waitFor(() => expect(runner.adopt).toHaveBeenCalled(), { timeout: 30_000 });
    expect(runner.adopt).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'row-2', status: 'submitting' }),
    );
  });
});
