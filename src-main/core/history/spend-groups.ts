// Spend grouped for invoicing: by environment, batch, tag and template, over the tasks created
// in a range. Read from the tasks themselves (the rollup has no such keys); a few thousand
// tasks a month is what a person invoices from.
//
// Only tasks that may have cost something count: a queued or cancelled task without a cost was
// never sent. A group's cost is the sum of its known costs, and null when none is known: an
// unknown cost is never a $0 one, and a group of unknown costs is unknown, not free.
import type Database from 'better-sqlite3';
import type { SpendGroup, SpendGroupBy } from '../../contract/schemas';
import { statementCache } from '../store/statement-cache';

/** Tasks that may have cost something: a cost is known, or the task was sent. */
const SPENT = `(t.cost IS NOT NULL OR t.status NOT IN ('queued', 'cancelled'))`;

// Each grouping gives a key (null: the tasks outside any group of that kind) and a label.
// A task in a batch is found through batch_rows. A task's template is the saved template it
// was made from (by name, migration 14), else its batch's template (by its prompt text); the
// key's prefix keeps a saved template's name from ever meeting a batch template's hash.
const KEYS: Record<SpendGroupBy, { from: string; key: string; label: string }> = {
  environment: { from: 'tasks t', key: 't.environment_id', label: 'NULL' },
  batch: {
    from: 'tasks t LEFT JOIN batch_rows r ON r.task_id = t.id LEFT JOIN batches b ON b.id = r.batch_id',
    key: 'b.id',
    label: 'max(b.name)',
  },
  // A task with several tags counts under each (the UI says so); one with none, under null.
  // A batch's own tag (batch-<id>, batches/template.ts) is named by the batch's name.
  tag: {
    from: "tasks t LEFT JOIN task_tags g ON g.task_id = t.id LEFT JOIN batches b ON g.tag = 'batch-' || b.id",
    key: 'g.tag',
    label: "coalesce('Batch: ' || max(b.name), g.tag)",
  },
  template: {
    from: 'tasks t LEFT JOIN batch_rows r ON r.task_id = t.id LEFT JOIN batches b ON b.id = r.batch_id',
    key: "coalesce('saved:' || t.template, 'batch:' || b.template_key)",
    label: "coalesce(max(t.template), max(b.template ->> '$.prompt'))",
  },
};

interface Row {
  key: string | null;
  label: string | null;
  nanos: number;
  known: number;
  unknown: number;
}

export class SpendGroups {
  private readonly sql: (text: string) => Database.Statement;

  constructor(db: Database.Database) {
    this.sql = statementCache(db);
  }

  /** Known cost per group of the tasks created in [from, to), largest first; the ungrouped last. */
  spendGroupedBy(by: SpendGroupBy, from: number, to: number): SpendGroup[] {
    const k = KEYS[by];
    // Integer nano-dollars, as the rollup keeps them, so a sum of many small costs has no float residue.
    const rows = this.sql(
      `SELECT ${k.key} AS key, ${k.label} AS label,
              sum(CAST(round(coalesce(t.cost, 0) * 1e9) AS INTEGER)) AS nanos,
              count(t.cost) AS known, sum(t.cost IS NULL) AS unknown
       FROM ${k.from}
       WHERE t.created_at >= @from AND t.created_at < @to AND ${SPENT}
       GROUP BY ${k.key}`,
    ).all({ from, to }) as Row[];
    return rows
      .map((r) => ({
        key: r.key,
        label: r.label ?? r.key,
        cost: r.known > 0 ? r.nanos / 1e9 : null,
        tasks: r.known + r.unknown,
        unknownCost: r.unknown,
      }))
      .sort(
        (a, b) =>
          Number(a.key === null) - Number(b.key === null) ||
          (b.cost ?? -1) - (a.cost ?? -1) ||
          String(a.label).localeCompare(String(b.label)),
      );
  }
}
