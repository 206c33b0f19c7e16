// History: every task ever run, filtered and searched by the core (full-text over prompts,
// results and URLs), paged with a keyset cursor, shown as a sortable table with the inspector
// beside it. Ticked rows can be exported or deleted; the core keeps those still running, and
// the page says which.
import { useCallback, useEffect, useMemo } from 'react';
import { deleteHistoryChecked } from '../../stores/guarded-actions';
import { useHistoryStore } from '../../stores/history-store';
import { historyFilter } from '../../stores/route';
import { useRouteStore } from '../../stores/route-store';
import { useTasksStore } from '../../stores/tasks-store';
import { formatSort, parseSort, sortRows, type Sort } from './history-sort';
import { HistoryFilters } from './HistoryFilters';
import { HistoryTable } from './HistoryTable';
import { FormError } from '../common/FormError';

export function HistoryView() {
  const query = useRouteStore((s) => s.route.history);
  const setQuery = useRouteStore((s) => s.setHistoryQuery);
  const filter = useMemo(() => historyFilter(query), [query]);
  const sort = useMemo(() => parseSort(query.sort), [query.sort]);
  const {
    rows,
    cursor,
    loading,
    loaded,
    error,
    load,
    loadMore,
    exportAs,
    exportChecked,
    checked,
    toggle,
    setChecked,
    deleteMessage,
  } = useHistoryStore();
  const count = Object.keys(checked).length;
  const allChecked = rows.length > 0 && rows.every((r) => checked[r.id]);
  const selectedId = useTasksStore((s) => s.selectedId);
  const select = useTasksStore((s) => s.select);
  const filterKey = JSON.stringify(filter);
  useEffect(() => {
    void load(JSON.parse(filterKey));
  }, [filterKey, load]);
  const sorted = useMemo(() => sortRows(rows, sort), [rows, sort]);
  const onNearEnd = useCallback(
    (lastIndex: number) => {
      if (cursor && !loading && lastIndex >= rows.length - 20) void loadMore();
    },
    [cursor, loading, rows.length, loadMore],
  );
  const onSort = (next: Sort): void => setQuery({ ...query, sort: formatSort(next) }, true);
  const partial = cursor !== null && query.sort !== '';

  return (
    <div className="column">
      <HistoryFilters />
      <div className="toolbar-row">
        <span className="hint" role="status" aria-label="History count">
          {loading && !loaded
            ? 'Loading…'
            : `${rows.length}${cursor ? '+' : ''} task${rows.length === 1 ? '' : 's'}`}
          {partial ? ' · sorted among those loaded; scroll to load the rest' : ''}
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
          <input
            type="checkbox"
            checked={allChecked}
            disabled={rows.length === 0}
            onChange={() => setChecked(allChecked ? [] : rows.map((r) => r.id))}
          />{' '}
          Select all shown
        </label>
        <button
          type="button"
          className="small"
          disabled={count === 0}
          onClick={() => void exportChecked('csv')}
        >
          Export selected ({count})
        </button>
        <button
          type="button"
          className="small danger"
          disabled={count === 0}
          onClick={() => void deleteHistoryChecked()}
        >
          Delete selected ({count})
        </button>
      </div>
      {deleteMessage && (
        <p className="notice-inline" role="status" aria-label="Delete result">
          {deleteMessage}
        </p>
      )}
      <FormError>{error && `Could not load history: ${error}`}</FormError>
      {loaded && rows.length === 0 && !error && (
        <p className="empty">No task matches these filters.</p>
      )}
      <HistoryTable
        rows={sorted}
        sort={sort}
        onSort={onSort}
        checked={checked}
        toggle={toggle}
        selectedId={selectedId}
        select={select}
        onNearEnd={onNearEnd}
        filterWatch={(watch) => setQuery({ ...query, watch })}
      />
    </div>
  );
}
