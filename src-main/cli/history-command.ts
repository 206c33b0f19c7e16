// `webrun-desk history`: the tasks in the history, newest first, read straight from the store,
// as a table with a header row. Ids are shown short (their first 8 characters); `history
// --session` and the MCP tools take them as they are.
import { parseArgs } from 'node:util';
import { formatUsd } from '../contract/money-format';
import { publicView } from '../core/tasks/public-view';
import type { StoredTask } from '../core/tasks/task-store';
import { intOption, usageErrors } from './args';
import { FILTER_OPTIONS, filterFrom, withHistory } from './history-filter';
import { jsonText, writeOut } from './terminal-text';

export const SHORT_ID = 8;

const short = (id: string | null): string => (id ? id.slice(0, SHORT_ID) : '—');

/** The table's rows, header first, each cell padded to its column. */
export function historyTable(tasks: StoredTask[]): string[] {
  const rows = tasks.map((t) => {
    const prompt = t.prompt.replace(/\s+/g, ' ');
    return [
      short(t.id),
      new Date(t.createdAt).toISOString().slice(0, 16).replace('T', ' '),
      t.status,
      formatUsd(t.usage?.cost),
      short(t.sessionId),
      prompt.length > 60 ? `${prompt.slice(0, 59)}…` : prompt,
    ];
  });
  const header = ['ID', 'CREATED (UTC)', 'STATUS', 'COST', 'SESSION', 'PROMPT'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((cells) =>
    cells
      .map((cell, i) =>
        i === cells.length - 1
          ? cell
          : i === 3
            ? cell.padStart(widths[i]!)
            : cell.padEnd(widths[i]!),
      )
      .join('  ')
      .trimEnd(),
  );
}

export async function historyCommand(argv: string[]): Promise<number> {
  const { values } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: { ...FILTER_OPTIONS, limit: { type: 'string' } },
    }),
  );
  const limit = intOption(values.limit, 'limit', { min: 1, max: 10_000 }) ?? 50;
  const filter = filterFrom(values);
  const tasks = await withHistory(values.db, (history) => {
    if (filter.sessionId) filter.sessionId = history.completeId('sessions', filter.sessionId);
    return history.list(filter, limit).tasks;
  });
  if (values.json) {
    writeOut(`${jsonText(tasks.map(publicView))}\n`);
    return 0;
  }
  if (tasks.length === 0) {
    writeOut('No tasks match.\n');
    return 0;
  }
  for (const line of historyTable(tasks)) writeOut(`${line}\n`);
  return 0;
}
