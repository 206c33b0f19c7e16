// History as a table a person scans: sortable columns, a tick per row for export or delete,
// virtualised so 100,000 rows scroll smoothly. ARIA table roles on divs, because a virtualised
// body cannot be a real <tbody>.
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import type { TaskView } from '../../../src-main/contract/index';
import { formatDuration, formatTime, formatTokens } from '../../format';
import { CostBadge } from '../common/CostBadge';
import { StatusChip } from '../shell/StatusChip';
import { WatchBadge } from './WatchFilter';
import { COLUMNS, durationOf, nextSort, type Sort, type SortColumn } from './history-sort';

const ROW_HEIGHT = 40;

interface Props {
  rows: TaskView[];
  sort: Sort;
  onSort(sort: Sort): void;
  checked: Record<string, true>;
  toggle(id: string): void;
  selectedId: string | null;
  select(id: string): void;
  /** Called when the last rows come into view, to page more in. */
  onNearEnd(lastIndex: number): void;
  /** Shows only the runs of this watch. */
  filterWatch(id: string): void;
}

function Cell({ column, task }: { column: SortColumn; task: TaskView }) {
  switch (column) {
    case 'status':
      return <StatusChip status={task.status} />;
    case 'prompt':
      return (
        <span className="history-prompt" dir="auto">
          {task.prompt}
        </span>
      );
    case 'cost':
      return <CostBadge cost={task.usage?.cost} source={task.costSource} />;
    case 'duration': {
      const ms = durationOf(task);
      return <>{ms === null ? '—' : formatDuration(ms)}</>;
    }
    case 'tokens':
      return <>{formatTokens(task.usage?.totalTokens)}</>;
    case 'tags':
      return <>{task.tags.length ? task.tags.map((t) => `#${t}`).join(' ') : ''}</>;
    case 'created':
      return (
        <time dateTime={new Date(task.createdAt).toISOString()} title={formatTime(task.createdAt)}>
          {new Date(task.createdAt).toLocaleString([], {
            month: 'short',
            day: 'numeric',
            hour: '2-digit',
            minute: '2-digit',
          })}
        </time>
      );
  }
}

export function HistoryTable({
  rows,
  sort,
  onSort,
  checked,
  toggle,
  selectedId,
  select,
  onNearEnd,
  filterWatch,
}: Props) {
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer is read during render by design.
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8,
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? 0;
  useEffect(() => onNearEnd(lastIndex), [lastIndex, onNearEnd]);
  const selectedIndex = rows.findIndex((r) => r.id === selectedId);
  useEffect(() => {
    if (selectedIndex >= 0) virtualizer.scrollToIndex(selectedIndex, { align: 'auto' });
  }, [selectedIndex, virtualizer]);

  return (
    <div ref={scrollRef} className="virtual-scroll history-table-wrap">
      <div
        role="table"
        aria-label="History"
        aria-rowcount={rows.length + 1}
        className="history-table"
      >
        <div role="rowgroup" className="history-head">
          <div role="row" className="history-grid">
            <span role="columnheader" className="col-check">
              <span className="visually-hidden">Select</span>
            </span>
            {COLUMNS.map((c) => (
              <span
                key={c.id}
                role="columnheader"
                className={`col-${c.id}`}
                aria-sort={
                  sort.column === c.id
                    ? sort.direction === 'asc'
                      ? 'ascending'
                      : 'descending'
                    : 'none'
                }
              >
                <button
                  type="button"
                  className="sort-button"
                  onClick={() => onSort(nextSort(sort, c.id))}
                >
                  {c.label}
                  <span aria-hidden="true">
                    {sort.column === c.id ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
                  </span>
                </button>
              </span>
            ))}
          </div>
        </div>
        <div
          role="rowgroup"
          className="virtual-list"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const task = rows[item.index]!;
            const selected = task.id === selectedId;
            return (
              <div
                key={task.id}
                role="row"
                aria-rowindex={item.index + 2}
                aria-selected={selected}
                className={`virtual-row history-grid history-table-row${selected ? ' selected' : ''}`}
                style={{ height: item.size, transform: `translateY(${item.start}px)` }}
                onClick={(e) => {
                  if (!(e.target as HTMLElement).closest('input')) select(task.id);
                }}
              >
                <span role="cell" className="col-check">
                  <input
                    type="checkbox"
                    aria-label={`Select: ${task.prompt}`}
                    checked={Boolean(checked[task.id])}
                    onChange={() => toggle(task.id)}
                  />
                </span>
                {COLUMNS.map((c) =>
                  c.id === 'prompt' ? (
                    <span key={c.id} role="cell" className="col-prompt">
                      {task.watchId && <WatchBadge watchId={task.watchId} onFilter={filterWatch} />}
                      <button
                        type="button"
                        className="link-button"
                        aria-current={selected ? 'true' : undefined}
                        onClick={() => select(task.id)}
                      >
                        {task.prompt}
                      </button>
                    </span>
                  ) : (
                    <span key={c.id} role="cell" className={`col-${c.id}`}>
                      <Cell column={c.id} task={task} />
                    </span>
                  ),
                )}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
