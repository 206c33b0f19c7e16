import type { CostSource } from '../../../src-main/contract/index';
import { CostBadge } from '../common/CostBadge';

interface Row {
  key: string;
  label: string;
  cost: number;
  tasks?: number;
  /** Tasks in this row whose cost is unknown: left out of `cost`, never shown as $0. */
  unknownCost?: number;
  /** Where a single task's cost came from; totals mix both and carry none. */
  source?: CostSource | null;
}

export function BreakdownTable({ title, rows, onOpen }: { title: string; rows: Row[]; onOpen?: (key: string) => void }) {
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
                  <span className="bar" style={{ width: `${max ? (r.cost / max) * 40 : 0}px` }} aria-hidden="true" />
                  <CostBadge cost={r.cost} source={r.source ?? null} />
                  {r.unknownCost ? <span className="hint"> + {r.unknownCost} unknown</span> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
