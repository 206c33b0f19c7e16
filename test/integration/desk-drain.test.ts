// The desk's drain (core/runner/drain.ts), which every host closes through: it stops claiming
// queued tasks, waits (bounded) for WebRun's answers to the submissions in flight and writes
// them, sends only what the host promised, and ends its wait at once when told to. A real desk
// on a real SQLite file against a scripted WebRun on loopback that holds run-task.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src-main/contract/dispatch';
import type { TaskView } from '../../src-main/contract/index';
import { createDesk, type Desk } from '../../src-main/core/desk';
import { drainLine, pressCounter, SAME_PRESS_MS } from '../../src-main/core/runner/drain';
import { HOLD, startHeldWebRun, type HeldWebRun } from '../helpers/held-webrun';
import { tempDir } from '../helpers/temp';
import { eventually } from './mcp-helpers';

const t = tempDir('webrun-desk-drain-');
let webrun: HeldWebRun;
beforeAll(async () => {
  webrun = await startHeldWebRun();
});
afterAll(async () => {
  for (const h of webrun.held) h.release();
  await webrun.close();
  t.cleanup();
});

let n = 0;
function deskFor(rateLimit: { max: number; windowMs: number } | null = null): Promise<Desk> {
  n += 1;
  return createDesk({
    dbPath: join(t.dir, `h${n}.db`),
    apiKey: 'wr_drain_key',
    baseUrl: webrun.url,
    host: 'browser',
    rateLimit,
    runner: { useSockets: false },
  });
}
const heldFor = (word: string) =>
  eventually(async () => webrun.held.find((h) => h.prompt.includes(word)), 30_000);
const view = (desk: Desk, id: string) => desk.handlers['tasks.get']({ id }) as TaskView;
async function create(desk: Desk, prompt: string): Promise<TaskView> {
  const created = await dispatch(desk.handlers, 'tasks.create', { prompt });
  if (!created.ok) throw new Error(created.error.message);
  return created.value as TaskView;
}
const statusOf = (desk: Desk, id: string) => view(desk, id).status;

describe('the drain', () => {
  it('waits for the answers in flight, writes their ids, and claims nothing new when slots free', async () => {
    const desk = await deskFor();
    try {
      await dispatch(desk.handlers, 'settings.update', { runner: { concurrency: 2 } });
      const a = await create(desk, `Drain A ${HOLD}`);
      const b = await create(desk, `Drain B ${HOLD}`);
      const c = await create(desk, 'Drain C, queued');
      const [heldA, heldB] = [await heldFor('Drain A'), await heldFor('Drain B')];
      const said: number[] = [];
      const drained = desk.drain({ onWait: (count) => said.push(count) });
      expect(said).toEqual([2]);
      // A ends within WebRun's window: its slot frees while B's answer is still awaited.
      heldA.release('completed');
      await eventually(async () => (statusOf(desk, a.id) === 'completed' ? true : null));
      heldB.release();
      expect(await drained).toBe(0);
      expect(view(desk, b.id)).toMatchObject({ status: 'running', remoteTaskId: heldB.taskId });
      // The slot A freed dispatched at once, inside its end's commit: nothing was claimed.
      expect(desk.runner.inFlight().size).toBe(0);
      expect(statusOf(desk, c.id)).toBe('queued');
      expect(webrun.submissions.get('Drain C, queued')).toBeUndefined();
    } finally {
      await desk.close();
    }
  });

  it('ends the wait of a task for a slot of the rate limit: it stays queued, unsent', async () => {
    const desk = await deskFor({ max: 1, windowMs: 60_000 });
    try {
      const first = await create(desk, `Limited first ${HOLD}`);
      const second = await create(desk, `Limited second ${HOLD}`);
      const held = await heldFor('Limited first');
      // The second waits for the limit's only slot: in flight for the runner, not yet claimed.
      expect(desk.runner.inFlight().size).toBe(2);
      const drained = desk.drain();
      held.release();
      expect(await drained).toBe(0);
      expect(statusOf(desk, first.id)).toBe('running');
      expect(statusOf(desk, second.id)).toBe('queued');
      expect(webrun.submissions.get(`Limited second ${HOLD}`)).toBeUndefined();
    } finally {
      await desk.close();
    }
  });

  it('is bounded, and ends at once when aborted: what is still out is counted and left submitting', async () => {
    const desk = await deskFor();
    try {
      const task = await create(desk, `Never answered ${HOLD}`);
      await heldFor('Never answered');
      expect(await desk.drain({ timeoutMs: 50 })).toBe(1);
      const skip = new AbortController();
      const drained = desk.drain({ signal: skip.signal });
      skip.abort();
      expect(await drained).toBe(1);
      expect(statusOf(desk, task.id)).toBe('submitting');
    } finally {
      await desk.close();
    }
  });

  it('still sends the queued tasks the host promised, within the bound, and waits for their ids', async () => {
    const desk = await deskFor();
    try {
      await dispatch(desk.handlers, 'settings.update', { runner: { concurrency: 1 } });
      const first = await create(desk, `Promised first ${HOLD}`);
      const promised = await create(desk, `Promised second ${HOLD}`);
      const other = await create(desk, 'Not promised');
      const heldFirst = await heldFor('Promised first');
      const drained = desk.drain({ send: [promised.id] });
      heldFirst.release('completed');
      (await heldFor('Promised second')).release();
      expect(await drained).toBe(0);
      expect(statusOf(desk, first.id)).toBe('completed');
      expect(statusOf(desk, promised.id)).toBe('running');
      expect(statusOf(desk, other.id)).toBe('queued');
      expect(webrun.submissions.get('Not promised')).toBeUndefined();
    } finally {
      await desk.close();
    }
  });

  it('says nothing and returns at once when nothing is being sent', async () => {
    const desk = await deskFor();
    try {
      const said: number[] = [];
      expect(await desk.drain({ onWait: (count) => said.push(count) })).toBe(0);
      expect(said).toEqual([]);
    } finally {
      await desk.close();
    }
  });
});

describe('one line and one press', () => {
  it('says how many tasks it waits for, and what skips the wait', () => {
    expect(drainLine(1, 'Ctrl+C again to quit now')).toBe(
      'Waiting for WebRun to answer 1 task being submitted (Ctrl+C again to quit now)…',
    );
    expect(drainLine(2, 'x')).toMatch(/^Waiting for WebRun to answer 2 tasks being submitted/);
  });

  it("counts one Ctrl+C passed on by npm and start.mjs as one press, and a person's next as a second", () => {
    let now = 1_000;
    const press = pressCounter(() => now);
    expect(press()).toBe(1);
    now += 5; // npm's forward of the same press
    expect(press()).toBe(1);
    now += SAME_PRESS_MS - 6; // start.mjs's, just inside the window
    expect(press()).toBe(1);
    now += 1;
    expect(press()).toBe(2);
  });
});
