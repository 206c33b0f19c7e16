// The queue as a virtualised list: only the rows in view are in the DOM, so it stays smooth
// with 10,000 tasks. Older pages load as the end comes into view.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useMoneyStore } from '../../stores/money-store';
import { useQueueStore } from '../../stores/queue-store';
import { busySessionsOf, holdOf } from '../../stores/reduce-hold';
import { queueOrder } from '../../stores/reduce-tasks';
import { useTasksStore } from '../../stores/tasks-store';
import { leftQueue, nextLeaveAt, shownInQueue, type QueueView } from '../../stores/queue-leave';
import { useQueueViewStore } from '../../stores/queue-view-store';
import { useRouteStore } from '../../stores/route-store';
import { useNow } from '../common/useNow';
import { QueueRow } from './QueueRow';
import { ACTIVE } from '../../../src-main/contract/task-status';

const ROW_HEIGHT = 84;

/** Says where the finished tasks went and brings them back, so leaving never looks like loss. */
function LeftQueueNote({
  cleared,
  aged,
  view,
}: {
  cleared: number;
  aged: number;
  view: QueueView;
}) {
  const setShow = useQueueViewStore((s) => s.setShow);
  const total = cleared + aged;
  if (total === 0 || view.show !== 'all') return null;
  const why = [
    cleared > 0 ? `${cleared} cleared` : null,
    aged > 0
      ? `${aged} finished over ${LEAVE_TEXT[view.leaveAfterMinutes] ?? `${view.leaveAfterMinutes} minutes`} ago`
      : null,
  ]
    .filter(Boolean)
    .join(', ');
  return (
    <p className="hint queue-left" aria-label="Finished tasks out of the queue">
      {total} finished task{total === 1 ? '' : 's'} left the queue ({why}); they stay in History.{' '}
      <button type="button" className="link-button" onClick={() => setShow('finished')}>
        Show finished
      </button>{' '}
      ·{' '}
      <button
        type="button"
        className="link-button"
        onClick={() => useRouteStore.getState().go('history')}
      >
        Open History
      </button>
    </p>
  );
}

const LEAVE_TEXT: Record<number, string> = {
  5: '5 minutes',
  15: '15 minutes',
  60: 'an hour',
  240: '4 hours',
  1440: 'a day',
};

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
  const leaveAfterMinutes = useQueueViewStore((s) => s.leaveAfterMinutes);
  const view = useMemo(
    () => ({ show, clearedAt, leaveAfterMinutes }),
    [show, clearedAt, leaveAfterMinutes],
  );
  const all = useMemo(() => queueOrder(byId, order), [byId, order]);
  // Finished tasks leave on their own: the list is taken again when the next one is due.
  const [leaveNow, setLeaveNow] = useState(() => Date.now());
  const next = useMemo(
    () =>
      nextLeaveAt(
        all.map((id) => byId[id]!),
        view,
        leaveNow,
      ),
    [all, byId, view, leaveNow],
  );
  useEffect(() => {
    if (next === null) return;
    const wait = Math.min(Math.max(0, next - Date.now()), 2_147_483_647);
    const timer = setTimeout(() => setLeaveNow(Date.now()), wait);
    return () => clearTimeout(timer);
  }, [next]);
  const ids = useMemo(
    () => all.filter((id) => shownInQueue(byId[id]!, view, leaveNow, selectedId)),
    [all, byId, view, leaveNow, selectedId],
  );
  const left = useMemo(() => {
    let cleared = 0;
    let aged = 0;
    for (const id of all) {
      if (id === selectedId) continue;
      const why = leftQueue(byId[id]!, view, leaveNow);
      if (why === 'cleared') cleared++;
      else if (why === 'aged') aged++;
    }
    return { cleared, aged };
  }, [all, byId, view, leaveNow, selectedId]);
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

  const note = <LeftQueueNote cleared={left.cleared} aged={left.aged} view={view} />;
  if (ids.length === 0)
    return (
      <>
        {note}
        <p className="empty">
          {loading
            ? 'Loading tasks…'
            : all.length > 0
              ? 'No task here with this filter, or all were cleared: finished tasks are in History.'
              : 'No tasks yet. Describe one above and press Run.'}
        </p>
      </>
    );
  return (
    <>
      {note}
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
    </>
  );
}
