// The URLs the task visited: filter, group by host, export as CSV.
import { useMemo, useState } from 'react';
import type { TaskDetails } from '../../../src-main/contract/index';
import { saveDownload } from '../../download';
import { toCsv } from './result-table';
import { ScrollTable } from '../common/ScrollTable';

type Request = TaskDetails['network'][number];

export function NetworkTab({ details, taskId }: { details: TaskDetails; taskId: string }) {
  const [filter, setFilter] = useState('');
  const [grouped, setGrouped] = useState(false);
  const shown = useMemo(() => {
    const needle = filter.trim().toLowerCase();
    return needle
      ? details.network.filter((r) => r.url.toLowerCase().includes(needle))
      : details.network;
  }, [details.network, filter]);
  const groups = useMemo(() => {
    const map = new Map<string, Request[]>();
    for (const r of shown)
      map.set(r.host ?? '(no host)', [...(map.get(r.host ?? '(no host)') ?? []), r]);
    return [...map.entries()].sort((a, b) => b[1].length - a[1].length);
  }, [shown]);

  const exportCsv = (): void =>
    saveDownload(
      `task-${taskId.slice(0, 8)}-network.csv`,
      'text/csv',
      toCsv(
        ['url', 'host', 'time'],
        shown.map((r) => [r.url, r.host ?? '', r.at ? new Date(r.at).toISOString() : '']),
      ),
    );

  return (
    <div>
      <div className="button-row">
        <input
          type="search"
          aria-label="Filter URLs"
          placeholder="Filter URLs"
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
        />
        <label className="check">
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />{' '}
          Group by host
        </label>
        <button type="button" className="small" onClick={exportCsv} disabled={shown.length === 0}>
          Export CSV
        </button>
      </div>
      <p className="hint">
        {shown.length} of {details.networkTotal} requests
        {details.networkStored > details.network.length
          ? ` (the first ${details.network.length.toLocaleString('en-US')} are listed)`
          : ''}
      </p>
      {details.networkStored !== details.networkTotal && (
        <p className="notice-inline" role="note" aria-label="Stored URLs">
          Showing {details.networkStored.toLocaleString('en-US')} of{' '}
          {details.networkTotal.toLocaleString('en-US')} URLs (the history keeps the first 100,000)
        </p>
      )}
      {grouped ? (
        groups.map(([host, list]) => (
          <details key={host} className="host-group" open>
            <summary>
              {host} ({list.length})
            </summary>
            <RequestTable requests={list} />
          </details>
        ))
      ) : (
        <RequestTable requests={shown} />
      )}
    </div>
  );
}

function RequestTable({ requests }: { requests: Request[] }) {
  if (requests.length === 0) return <p className="empty">No requests.</p>;
  return (
    <ScrollTable label="Network requests, scrollable">
      <table className="data-table" aria-label="Network requests">
        <thead>
          <tr>
            <th scope="col">URL</th>
            <th scope="col">Host</th>
            <th scope="col">Time</th>
          </tr>
        </thead>
        <tbody>
          {requests.slice(0, 1000).map((r, i) => (
            <tr key={i}>
              <td className="url-cell">{r.url}</td>
              <td>{r.host ?? ''}</td>
              <td>{r.at ? new Date(r.at).toLocaleTimeString() : ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollTable>
  );
}
