import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DeskEvent, TaskView } from '../../src-main/contract/index';
import { taskView } from '../helpers/task-view';
import { EventBatcher, EventHub } from '../../src-main/core/event-hub';

const view = (id: string, updatedAt: number): TaskView => taskView({ id, status: 'running', updatedAt });
const updated = (id: string, at: number): DeskEvent => ({ name: 'task.updated', payload: view(id, at) });

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('EventBatcher', () => {
  it('delivers a burst as one message per interval, keeping the latest snapshot of each task', () => {
    const deliver = vi.fn();
    const batcher = new EventBatcher(deliver, { intervalMs: 50 });
    for (let i = 0; i < 1000; i++) batcher.push(updated(i % 2 ? 'a' : 'b', i));
    expect(deliver).not.toHaveBeenCalled();
    vi.advanceTimersByTime(50);
    expect(deliver).toHaveBeenCalledOnce();
    const batch = deliver.mock.calls[0]![0] as DeskEvent[];
    expect(batch.map((e) => (e.name === 'task.updated' ? [e.payload.id, e.payload.updatedAt] : null))).toEqual([
      ['b', 998],
      ['a', 999],
    ]);
    batcher.push(updated('a', 1000));
    vi.advanceTimersByTime(49);
    expect(deliver).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(1);
    expect(deliver).toHaveBeenCalledTimes(2);
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
