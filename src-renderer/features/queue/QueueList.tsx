// The queue as a virtualised list: only the rows in view are in the DOM, so it stays smooth
// with 10,000 tasks. Older pages load as the end comes into view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { useMoneyStore } from '../../stores/money-store';
import { useQueueStore } from '../../stores/queue-store';
import { busySessionsOf, holdOf } from '../../stores/reduce-hold';
import { queueOrder } from '../../stores/reduce-tasks';
import { useTasksStore } from '../../stores/tasks-store';
import { shownInQueue, useQueueViewStore } from '../../stores/queue-view-store';
import { useNow } from '../common/useNow';
import { QueueRow } from './QueueRow';
import { ACTIVE } from '../../../src-main/contract/task-status';

const ROW_HEIGHT = 84;

export function QueueList() {
  const order = useTasksStore((s) => s.order);
  const byId = useTasksStore((s) => s.byId);
  const selectedId = useTasksStore((s) => s.selectedId);
  const loading = useTasksStore((s) => s.loading);
  const hasMore = useTasksStore((s) => s.cursor !== null);
  const loadMore = useTasksStore((s) => s.loadMore);
  const checked = useQueueStore((s) => s.checked);
  const queue = useQueueStore((s) => s.status);
  const budget = useQueueStore((s) => s.budget);
  const balanceHold = useMoneyStore((s) => s.status?.hold ?? null);
  const busySessions = useMemo(() => busySessionsOf(Object.values(byId)), [byId]);
  const show = useQueueViewStore((s) => s.show);
  const clearedAt = useQueueViewStore((s) => s.clearedAt);
  const all = useMemo(() => queueOrder(byId, order), [byId, order]);
  const ids = useMemo(
    () => all.filter((id) => shownInQueue(byId[id]!, { show, clearedAt })),
    [all, byId, show, clearedAt],
  );
  const now = useNow(ids.some((id) => ACTIVE.has(byId[id]!.status)) || queue?.blockedUntil != null);
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design.
  const virtualizer = useVirtualizer({
    count: ids.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 6,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loading && lastIndex >= ids.length - 20) void loadMore();
  }, [hasMore, loading, lastIndex, ids.length, loadMore]);

  const selectedIndex = selectedId ? ids.indexOf(selectedId) : -1;
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  if (ids.length === 0)
    return (
      <p className="empty">
        {loading
          ? 'Loading tasks…'
          : all.length > 0
            ? 'No task here with this filter, or all were cleared: finished tasks are in History.'
            : 'No tasks yet. Describe one above and press Run.'}
      </p>
    );
  return (
    <div ref={scrollRef} className="virtual-scroll" data-testid="queue-scroll">
      <ul
        className="virtual-list"
        aria-label="Tasks"
        style={{ height: virtualizer.getTotalSize() }}
      >
        {items.map((item) => {
          const task = byId[ids[item.index]!]!;
          const hold = holdOf(task, { queue, budget, balanceHold, busySessions, now });
          return (
            <li
              key={task.id}
              className="virtual-row"
              style={{ height: item.size, transform: `translateY(${item.start}px)` }}
              aria-setsize={ids.length}
              aria-posinset={item.index + 1}
            >
              <QueueRow
                task={task}
                selected={task.id === selectedId}
                checked={Boolean(checked[task.id])}
                now={now}
                hold={hold?.short ?? null}
              />
            </li>
          );
        })}
      </ul>
    </div>
  );
}
