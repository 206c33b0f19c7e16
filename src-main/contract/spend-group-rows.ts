// Spend groups as a person reads them and as an invoice takes them: each group named (a batch
// by its name, an environment by the name WebRun gave it, never a bare id where a name is
// known), and the CSV of the figures shown. Pure and zod-free, shared by the Spend page and
// `webrun-desk spend --by`, so the table, the terminal and the file say the same thing.
import Papa from 'papaparse';
import { formatUsd } from './money-format';
import { round6 } from './pricing';
import type { SpendGroup, SpendGroupBy } from './status';

export const GROUP_BY: { id: SpendGroupBy; label: string; none: string }[] = [
  { id: 'environment', label: 'Environment', none: 'No environment' },
  { id: 'batch', label: 'Batch', none: 'Not in a batch' },
  { id: 'tag', label: 'Tag', none: 'Untagged' },
  { id: 'template', label: 'Template', none: 'No template (single tasks)' },
];

/** The summary's last `days` days as local dates, as the heading and the file name them. */
export function rangeOf(days: number, now: Date): { from: string; to: string } {
  const day = (d: Date): string =>
    `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  const from = new Date(now.getFullYear(), now.getMonth(), now.getDate() - (days - 1));
  return { from: day(from), to: day(now) };
}

export interface GroupRow {
  key: string;
  name: string;
  /** The group's id where it has one beside its name (batch, environment). */
  id: string | null;
  cost: number | null;
  tasks: number;
  unknownCost: number;
}

/** The rows of one grouping; environment names come from WebRun's list, when it answered. */
export function groupRows(
  by: SpendGroupBy,
  groups: readonly SpendGroup[],
  environmentNames: ReadonlyMap<string, string>,
): GroupRow[] {
  const none = GROUP_BY.find((g) => g.id === by)!.none;
  return groups.map((g) => {
    const name =
      g.key === null
        ? none
        : by === 'environment'
          ? (environmentNames.get(g.key) ?? `Environment ${g.key} (not in WebRun's list)`)
          : (g.label ?? g.key);
    const withId = by === 'batch' || by === 'environment';
    return {
      key: g.key ?? '',
      name,
      id: withId ? g.key : null,
      cost: g.cost,
      tasks: g.tasks,
      unknownCost: g.unknownCost,
    };
  });
}

/** How a cost is written for a person and in the file's last column: unknown, never $0. */
export function costText(row: Pick<GroupRow, 'cost' | 'unknownCost'>): string {
  return row.cost !== null && row.unknownCost > 0
    ? `${formatUsd(row.cost)} + ${row.unknownCost} unknown`
    : formatUsd(row.cost);
}

/**
 * The CSV of one grouping. Known cost and the count of unknown costs are two columns, so a
 * spreadsheet adds the known figures without reading "unknown" as 0. Known cost is the raw
 * figure in USD (to the millionth, as costs are kept, without a sum's float noise; empty when
 * unknown), never a "$" text a spreadsheet may not add; the last column is the cost as a person
 * reads it. Names are people's and web text: a leading =, +, - or @ is escaped so a
 * spreadsheet never runs it as a formula.
 */
export function groupsCsv(
  by: SpendGroupBy,
  rows: readonly GroupRow[],
  range: { from: string; to: string },
): string {
  const label = GROUP_BY.find((g) => g.id === by)!.label;
  return Papa.unparse(
    {
      fields: [label, 'Id', 'From', 'To', 'Tasks', 'Known cost', 'Tasks of unknown cost', 'Cost'],
      data: rows.map((r) => [
        r.name,
        r.id ?? '',
        range.from,
        range.to,
        r.tasks,
        r.cost === null ? '' : round6(r.cost),
        r.unknownCost,
        costText(r),
      ]),
    },
    { escapeFormulae: true, newline: '\r\n' },
  );
}
