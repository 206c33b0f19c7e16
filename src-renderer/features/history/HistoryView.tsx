// History: every task ever run, filtered and searched by the core (full-text over prompts,
// results and URLs), paged with a keyset cursor and virtualised for 100,000 rows. Ticked rows
// can be deleted; the core keeps those still running, and the page says which.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef } from 'react';
import { formatCost, formatTime } from '../../format';
import { deleteHistoryChecked } from '../../stores/guarded-actions';
import { useHistoryStore } from '../../stores/history-store';
import { historyFilter } from '../../stores/route';
import { useRouteStore } from '../../stores/route-store';
import { useTasksStore } from '../../stores/tasks-store';
import { StatusChip } from '../shell/StatusChip';
import { HistoryFilters } from './HistoryFilters';

const ROW_HEIGHT = 64;

export function HistoryView() {
  const query = useRouteStore((s) => s.route.history);
  const filter = useMemo(() => historyFilter(query), [query]);
  const { rows, cursor, loading, loaded, error, load, loadMore, exportAs, checked, toggle, setChecked, deleteMessage } = useHistoryStore();
  const count = Object.keys(checked).length;
  const allChecked = rows.length > 0 && rows.every((r) => checked[r.id]);
  const selectedId = useTasksStore((s) => s.selectedId);
  const select = useTasksStore((s) => s.select);
  const filterKey = JSON.stringify(filter);
  useEffect(() => {
    void load(JSON.parse(filterKey));
  }, [filterKey, load]);

  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design.
  const virtualizer = useVirtualizer({ count: rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 6 });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (cursor && !loading && lastIndex >= rows.length - 20) void loadMore();
  }, [cursor, loading, lastIndex, rows.length, loadMore]);
  const selectedIndex = rows.findIndex((r) => r.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div className="column">
      <HistoryFilters />
      <div className="toolbar-row">
        <span className="hint" role="status" aria-label="History count">
          {loading && !loaded ? 'Loading…' : `${rows.length}${cursor ? '+' : ''} task${rows.length === 1 ? '' : 's'}`}
        </span>
        <button type="button" className="small" onClick={() => void exportAs('csv')}>
          Export CSV
        </button>
        <button type="button" className="small" onClick={() => void exportAs('json')}>
          Export JSON
        </button>
      </div>
      <div className="toolbar-row">
        <label className="check">
          <input type="checkbox" checked={allChecked} disabled={rows.length === 0} onChange={() => setChecked(allChecked ? [] : rows.map((r) => r.id))} /> Select all
          shown
        </label>
        <button type="button" className="small danger" disabled={count === 0} onClick={() => void deleteHistoryChecked()}>
          Delete selected ({count})
        </button>
      </div>
      {deleteMessage && (
        <p className="notice-inline" role="status" aria-label="Delete result">
          {deleteMessage}
        </p>
      )}
      {error && (
        <p className="form-error" role="alert">
          Could not load history: {error}
        </p>
      )}
      {loaded && rows.length === 0 && !error && <p className="empty">No task matches these filters.</p>}
      <div ref={scrollRef} className="virtual-scroll">
        <ul className="virtual-list" aria-label="History" style={{ height: virtualizer.getTotalSize() }}>
          {items.map((item) => {
            const task = rows[item.index]!;
            return (
              <li key={task.id} className="virtual-row history-item" style={{ height: item.size, transform: `translateY(${item.start}px)` }}>
                <input type="checkbox" aria-label={`Select: ${task.prompt}`} checked={Boolean(checked[task.id])} onChange={() => toggle(task.id)} />
                <button type="button" className={`history-row${task.id === selectedId ? ' selected' : ''}`} aria-current={task.id === selectedId ? 'true' : undefined} onClick={() => select(task.id)}>
                  <span className="queue-prompt">{task.prompt}</span>
                  <span className="queue-meta">
                    <StatusChip status={task.status} />
                    <span>{formatTime(task.createdAt)}</span>
                    {task.tags.length > 0 && <span>#{task.tags.join(' #')}</span>}
                    <span className="queue-cost">{formatCost(task.usage?.cost)}</span>
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      </div>
    </div>
  );
}
