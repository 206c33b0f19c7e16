// Search and filters; their values live in the URL hash (see route.ts), so a filtered view
// can be bookmarked and survives a reload.
import { useEffect, useState } from 'react';
import type { TaskStatus } from '../../../src-main/contract/index';
import { STATUS_LABEL } from '../../format';
import type { HistoryQuery } from '../../stores/route';
import { useRouteStore } from '../../stores/route-store';
import { TriggerFilter } from '../schedules/TriggerFilter';
import { WatchFilter } from './WatchFilter';

export function HistoryFilters() {
  const query = useRouteStore((s) => s.route.history);
  const setQuery = useRouteStore((s) => s.setHistoryQuery);
  // Typed text is local until it settles, so each key press does not query the core.
  const [text, setText] = useState(query.q);
  const [syncedQ, setSyncedQ] = useState(query.q);
  if (syncedQ !== query.q) {
    setSyncedQ(query.q);
    setText(query.q);
  }
  useEffect(() => {
    if (text === query.q) return;
    const timer = setTimeout(() => setQuery({ ...query, q: text }, true), 300);
    return () => clearTimeout(timer);
  }, [text, query, setQuery]);

  const set = (patch: Partial<HistoryQuery>): void => setQuery({ ...query, ...patch });
  return (
    <form
      className="filters"
      role="search"
      aria-label="History filters"
      onSubmit={(e) => {
        e.preventDefault();
        setQuery({ ...query, q: text }, true);
      }}
    >
      <input
        id="history-search"
        type="search"
        aria-label="Search history"
        placeholder={`Search prompts, results and URLs (/); "quotes" for a phrase`}
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="filter-grid">
        <label>
          Status
          <select
            value={query.status[0] ?? ''}
            onChange={(e) => set({ status: e.target.value ? [e.target.value as TaskStatus] : [] })}
          >
            <option value="">Any status</option>
            {(Object.keys(STATUS_LABEL) as TaskStatus[]).map((s) => (
              <option key={s} value={s}>
                {STATUS_LABEL[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={query.from} onChange={(e) => set({ from: e.target.value })} />
        </label>
        <label>
          To
          <input type="date" value={query.to} onChange={(e) => set({ to: e.target.value })} />
        </label>
        <label>
          Tag
          <input
            value={query.tag}
            onChange={(e) => set({ tag: e.target.value.trim() })}
            placeholder="any"
          />
        </label>
        <label>
          Session
          <input
            value={query.session}
            onChange={(e) => set({ session: e.target.value.trim() })}
            placeholder="any"
          />
        </label>
        <TriggerFilter value={query.trigger} onChange={(trigger) => set({ trigger })} />
        <WatchFilter value={query.watch} onChange={(watch) => set({ watch })} />
      </div>
    </form>
  );
}
