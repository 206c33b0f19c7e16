// History filter by watch, and the badge that marks a watch's run in the table. A watch's runs
// are ordinary tasks carrying its id; its name (text a person wrote) comes from the watches list
// and is only ever rendered as text.
import { useEffect, useMemo } from 'react';
import { useWatchesStore } from '../../stores/watches-store';

/** Loads the watches once, so names are there for the filter and the badges. */
export function useWatchNames(): Map<string, string> {
  const watches = useWatchesStore((s) => s.watches);
  const loaded = useWatchesStore((s) => s.loaded);
  useEffect(() => {
    // Read at effect time: every badge of a page runs this in one commit, and only the first
    // may start the load.
    const store = useWatchesStore.getState();
    if (!store.loaded && !store.loading) void store.load();
  }, [loaded]);
  return useMemo(() => new Map(watches.map((w) => [w.id, w.name])), [watches]);
}

export function WatchFilter({ value, onChange }: { value: string; onChange(id: string): void }) {
  const names = useWatchNames();
  return (
    <label>
      Watch
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any (or none)</option>
        {[...names].map(([id, name]) => (
          <option key={id} value={id}>
            {name}
          </option>
        ))}
        {value && !names.has(value) && <option value={value}>A deleted watch</option>}
      </select>
    </label>
  );
}

/** "Watch: name" on a watch's run; pressing it shows only that watch's runs. */
export function WatchBadge({ watchId, onFilter }: { watchId: string; onFilter(id: string): void }) {
  const names = useWatchNames();
  const name = names.get(watchId) ?? 'a deleted watch';
  return (
    <button
      type="button"
      className="badge watch-badge"
      title={`A run of the watch “${name}”: show only its runs`}
      aria-label={`Watch: ${name}. Show only its runs`}
      onClick={(e) => {
        e.stopPropagation();
        onFilter(watchId);
      }}
    >
      <span aria-hidden="true">Watch: </span>
      {name}
    </button>
  );
}
