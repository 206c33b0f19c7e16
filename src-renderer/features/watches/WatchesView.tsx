// Watches: a task run again and again on a schedule by this desk, every run checked and compared
// with the one before, and an alert (inbox, notification) only when something material changes.
// The list with schedule, last run and verdict, pass and flap rates over the last 20 runs, next
// run and state; the editor; the open watch's runs, from which any two are compared.
import { useEffect, useState } from 'react';
import type { WatchView } from '../../../src-main/contract/watches';
import { useWatchesStore } from '../../stores/watches-store';
import { ListOrEmpty, ViewShell } from '../common/ViewShell';
import { TemplatesPanel } from './TemplatesPanel';
import { WatchEditor } from './WatchEditor';
import { WatchRow } from './WatchRow';
import { WatchRuns } from './WatchRuns';

export function WatchesView() {
  const { watches, loading, loaded, error, selectedId, load, select } = useWatchesStore();
  const [editing, setEditing] = useState<WatchView | 'new' | null>(null);
  useEffect(() => {
    void load();
  }, [load]);
  const selected = watches.find((w) => w.id === selectedId) ?? null;

  return (
    <ViewShell
      titleId="watches-title"
      title="Watches"
      className="page watches-page"
      create={{ label: 'New watch', onClick: () => setEditing('new'), disabled: editing !== null }}
      refresh={{ onClick: () => void load(), busy: loading }}
      hint={
        <>
          This desk runs them while it runs (the app, browser mode or{' '}
          <code>webrun-desk watch run</code>); each run is an ordinary task in your history and
          spend, judged by its checks and compared with the one before.
        </>
      }
      editor={
        editing && (
          <WatchEditor
            key={editing === 'new' ? 'new' : editing.id}
            editing={editing === 'new' ? null : editing}
            onDone={() => setEditing(null)}
          />
        )
      }
      loadError={{ what: 'watches', error }}
    >
      <div className="schedule-layout watch-layout">
        <ListOrEmpty
          count={watches.length}
          loading={loading || !loaded}
          empty="No watches yet. Create one to follow a price, a stock level or a page, and hear only when it changes."
        >
          <div className="table-wrap">
            <table className="data-table" aria-label="Watches">
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Schedule</th>
                  <th scope="col">Last run</th>
                  <th scope="col" className="num">
                    Pass rate
                  </th>
                  <th scope="col" className="num">
                    Flap rate
                  </th>
                  <th scope="col">Next run</th>
                  <th scope="col">State</th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {watches.map((w) => (
                  <WatchRow
                    key={w.id}
                    watch={w}
                    selected={w.id === selectedId}
                    onEdit={() => setEditing(w)}
                  />
                ))}
              </tbody>
            </table>
            <p className="hint">Pass and flap rates are over each watch’s last 20 judged runs.</p>
          </div>
        </ListOrEmpty>
        {selected && <WatchRuns watch={selected} onClose={() => void select(null)} />}
      </div>
      <TemplatesPanel />
    </ViewShell>
  );
}
