import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskEvent, TaskView } from '../../src-main/contract/index';
import { taskView } from '../helpers/task-view';
import { EventBatcher, EventHub } from '../../src-main/core/event-hub';

const view = (id: string, updatedAt: number): TaskView =>
  taskView({ id, status: 'running', updatedAt });
const updated = (id: string, at: number): DeskEvent => ({
  name: 'task.updated',
  payload: view(id, at),
});

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('EventBatcher', () => {
  // Fake timers drive Date and performance.now() alike, so the batcher's clock is the fake one.
  it('delivers a burst as one message per frame, keeping the latest snapshot of each task', () => {
    const deliver = vi.fn();
    const batcher = new EventBatcher(deliver, { frameMs: 16 });
    for (let i = 0; i < 1000; i++) batcher.push(updated(i % 2 ? 'a' : 'b', i));
    expect(deliver).not.toHaveBeenCalled(); // not inside the burst's own turn
    vi.advanceTimersByTime(0);
    expect(deliver).toHaveBeenCalledOnce();
    const batch = deliver.mock.calls[0]![0] as DeskEvent[];
    expect(
      batch.map((e) => (e.name === 'task.updated' ? [e.payload.id, e.payload.updatedAt] : null)),
    ).toEqual([
      ['b', 998],
      ['a', 999],
    ]);
    batcher.push(updated('a', 1000));
    vi.advanceTimersByTime(15);
    expect(deliver).toHaveBeenCalledOnce(); // the frame since the last message is not over
    vi.advanceTimersByTime(1);
    expect(deliver).toHaveBeenCalledTimes(2);
  });

  it('flushes at once when the connection was idle, so a lone completion is not held back', () => {
    const deliver = vi.fn();
    const batcher = new EventBatcher(deliver, { frameMs: 16 });
    vi.advanceTimersByTime(1000);
    batcher.push(updated('a', 1));
    vi.advanceTimersByTime(0);
    expect(deliver).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(40); // idle again
    batcher.push(updated('a', 2));
    vi.advanceTimersByTime(0);
    expect(deliver).toHaveBeenCalledTimes(2);
  });

  it('never sends two messages within one frame under a steady stream', () => {
    const at: number[] = [];
    const batcher = new EventBatcher(() => at.push(performance.now()), { frameMs: 16 });
    // 1,000 events a second for 2 s, one every millisecond.
    for (let ms = 0; ms < 2000; ms++) {
      batcher.push(updated(`t${ms % 7}`, ms));
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(16);
    const gaps = at.slice(1).map((t, i) => t - at[i]!);
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(16);
    expect(at.length).toBeGreaterThan(100); // ~125 frames in 2 s: it does deliver, once per frame
  });

  it('delivers nothing after close', () => {
    const deliver = vi.fn();
    const batcher = new EventBatcher(deliver);
    batcher.push(updated('a', 1));
    batcher.close();
    vi.advanceTimersByTime(1000);
    expect(deliver).not.toHaveBeenCalled();
  });
});

describe('EventHub', () => {
  it('keeps delivering to healthy listeners when one throws', () => {
    const hub = new EventHub();
    const good = vi.fn();
    hub.subscribe(() => {
      throw new Error('closed socket');
    });
    hub.subscribe(good);
    hub.emit(updated('a', 1));
    expect(good).toHaveBeenCalledOnce();
  });
});
