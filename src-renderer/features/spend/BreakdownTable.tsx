import type { CostSource } from '../../../src-main/contract/index';
import { CostBadge } from '../common/CostBadge';

interface Row {
  key: string;
  label: string;
  cost: number;
  tasks?: number;
  /** Where a single task's cost came from; totals mix both and carry none. */
  source?: CostSource | null;
  /** Tasks of this row that were sent but have no known cost: left out of `cost`, never $0. */
  unknownCost?: number;
}

/** The sum when some of the row's costs are known, the count of those that are not. */
function RowCost({ row }: { row: Row }) {
  const unknown = row.unknownCost ?? 0;
  const allUnknown = unknown > 0 && unknown === row.tasks;
  return (
    <>
      {allUnknown ? (
        <span className="cost unknown">{unknown} unknown</span>
      ) : (
        <CostBadge cost={row.cost} source={row.source ?? null} />
      )}
      {unknown > 0 && !allUnknown && <span className="hint"> + {unknown} unknown</span>}
    </>
  );
}

export function BreakdownTable({
  title,
  rows,
  onOpen,
}: {
  title: string;
  rows: Row[];
  onOpen?: (key: string) => void;
}) {
  const max = Math.max(0, ...rows.map((r) => r.cost));
  const withTasks = rows.some((r) => r.tasks !== undefined);
  return (
    <div className="breakdown">
      <h3 className="section-title">{title}</h3>
      {rows.length === 0 ? (
        <p className="empty">Nothing yet.</p>
      ) : (
        <table className="data-table" aria-label={title}>
          <thead>
            <tr>
              <th scope="col">Name</th>
              {withTasks && <th scope="col">Tasks</th>}
              <th scope="col">Cost</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <td className="truncate" title={r.label}>
                  {onOpen ? (
                    <button type="button" className="link-button" onClick={() => onOpen(r.key)}>
                      {r.label}
                    </button>
                  ) : (
                    r.label
                  )}
                </td>
                {withTasks && <td className="num">{r.tasks}</td>}
                <td className="num">
                  {/* A bar scaled to the largest row, next to the number it shows. */}
                  <span
                    className="bar"
                    style={{ width: `${max ? (r.cost / max) * 40 : 0}px` }}
                    aria-hidden="true"
                  />
                  <RowCost row={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
