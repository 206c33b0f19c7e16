// Spend by client or project: the summary's days grouped by environment, batch, tag or
// template, and the figures shown exported as CSV for an invoice.
import { useEffect, useMemo } from 'react';
import type { SpendSummary } from '../../../src-main/contract/index';
import { saveDownload } from '../../download';
import { useEnvironmentsStore } from '../../stores/environments-store';
import { useSpendStore } from '../../stores/spend-store';
import {
  costText,
  GROUP_BY,
  groupRows,
  groupsCsv,
  rangeOf,
} from '../../../src-main/contract/spend-group-rows';

export function SpendGroups({ summary, days }: { summary: SpendSummary; days: number }) {
  const { groupBy, setGroupBy } = useSpendStore();
  const environments = useEnvironmentsStore((s) => s.environments);
  const envLoaded = useEnvironmentsStore((s) => s.loaded);
  const loadEnvironments = useEnvironmentsStore((s) => s.load);
  useEffect(() => {
    if (groupBy === 'environment' && !envLoaded) void loadEnvironments();
  }, [groupBy, envLoaded, loadEnvironments]);
  const names = useMemo(() => new Map(environments.map((e) => [e.id, e.name])), [environments]);
  const rows = groupRows(groupBy, summary.groups[groupBy], names);
  const shown = GROUP_BY.find((g) => g.id === groupBy)!;
  const max = Math.max(0, ...rows.map((r) => r.cost ?? 0));
  const exportCsv = () => {
    const range = rangeOf(days, new Date());
    saveDownload(
      `spend-by-${groupBy}-${range.from}-to-${range.to}.csv`,
      'text/csv;charset=utf-8',
      groupsCsv(groupBy, rows, range),
    );
  };
  return (
    <section className="spend-groups" aria-labelledby="spend-groups-title">
      <div className="toolbar-row">
        <h3 id="spend-groups-title" className="section-title">
          Spend by client or project (last {days} days)
        </h3>
        <div className="segmented" role="radiogroup" aria-label="Group spend by">
          {GROUP_BY.map((g) => (
            <button
              key={g.id}
              type="button"
              role="radio"
              aria-checked={g.id === groupBy}
              onClick={() => setGroupBy(g.id)}
            >
              {g.label}
            </button>
          ))}
        </div>
        <button type="button" className="small" onClick={exportCsv} disabled={rows.length === 0}>
          Export CSV
        </button>
      </div>
      {groupBy === 'tag' && rows.length > 0 && (
        <p className="hint">A task with several tags counts under each of them.</p>
      )}
      {rows.length === 0 ? (
        <p className="empty">No spend in the last {days} days.</p>
      ) : (
        <table className="data-table" aria-label={`Spend by ${shown.label.toLowerCase()}`}>
          <thead>
            <tr>
              <th scope="col">{shown.label}</th>
              <th scope="col" className="num">
                Tasks
              </th>
              <th scope="col" className="num">
                Cost
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td className="truncate" title={r.name} dir="auto">
                  {r.name}
                </td>
                <td className="num">{r.tasks}</td>
                <td className="num">
                  <span
                    className="bar"
                    style={{ width: `${max ? ((r.cost ?? 0) / max) * 40 : 0}px` }}
                    aria-hidden="true"
                  />
                  <span className={r.cost === null ? 'cost unknown' : 'cost'}>{costText(r)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
