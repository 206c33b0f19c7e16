import { describe, expect, it, vi } from 'vitest';
import type { QueueStatus } from '../../src-main/contract/index';
import { QueueStatusFeed } from '../../src-main/core/runner/queue-status-feed';

const status = (queued: number, active = 0): QueueStatus => ({
  paused: true,
  queued,
  active,
  concurrency: 5,
  blockedUntil: null,
  blockedReason: null,
  refused: null,
});

function feed(read: () => QueueStatus) {
  const sent: QueueStatus[] = [];
  const timers: (() => void)[] = [];
  const f = new QueueStatusFeed({
    read,
    emit: (s) => sent.push(s),
    setTimeout: (fn) => {
      timers.push(fn);
      return 0 as unknown as ReturnType<typeof setTimeout>;
    },
    clearTimeout: () => timers.splice(0),
  });
  return { f, sent, fire: () => timers.splice(0).forEach((fn) => fn()), timers };
}

describe('QueueStatusFeed', () => {
  it('sends the counts once after a burst of task changes, when they changed', () => {
    let queued = 0;
    const read = vi.fn(() => status(queued));
    const { f, sent, fire, timers } = feed(read);
    f.report(status(0));
    queued = 2;
    f.taskChanged();
    f.taskChanged();
    expect(timers).toHaveLength(1);
    fire();
    expect(read).toHaveBeenCalledTimes(1);
    expect(sent.map((s) => s.queued)).toEqual([0, 2]);
  });

  it('sends nothing when a reading equals the last report', () => {
    const { f, sent, fire } = feed(() => status(3, 1));
    f.report(status(3, 1));
    f.taskChanged();
    fire();
    expect(sent).toHaveLength(1);
  });

  it('reads nothing after close', () => {
    const read = vi.fn(() => status(1));
    const { f, fire } = feed(read);
    f.taskChanged();
    f.close();
    fire();
    f.taskChanged();
    fire();
    expect(read).not.toHaveBeenCalled();
  });
});
