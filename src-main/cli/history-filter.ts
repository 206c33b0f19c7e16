// What `history` and `export` share: the filter options, their parsing, and opening the
// history read-only for the length of one command (no runner, no network).
import { HistoryFilter, TaskStatus } from '../contract/schemas';
import { HistoryStore } from '../core/history/history-store';
import { openStore } from '../core/store/open-store';
import { SettingsStore } from '../core/settings/settings-store';
import { UsageError } from './args';
import { existingDbPath } from './existing-db';
import { writeErr } from './terminal-text';

export const FILTER_OPTIONS = {
  status: { type: 'string' },
  text: { type: 'string' },
  tag: { type: 'string' },
  session: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  db: { type: 'string' },
  json: { type: 'boolean' },
} as const;

function day(value: string | undefined, name: string, endOfDay: boolean): number | null {
  if (value === undefined) return null;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const date = match
    ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (endOfDay ? 1 : 0))
    : null;
  if (!date || Number.isNaN(date.getTime()))
    throw new UsageError(`--${name} must be a date like 2026-11-28, not "${value}"`);
  return date.getTime();
}

export function filterFrom(values: {
  status?: string;
  text?: string;
  tag?: string;
  session?: string;
  from?: string;
  to?: string;
}): HistoryFilter {
  const status = values.status?.split(',').map((s) => s.trim());
  for (const s of status ?? [])
    if (!TaskStatus.safeParse(s).success)
      throw new UsageError(`unknown status "${s}" (one of ${TaskStatus.options.join(', ')})`);
  return HistoryFilter.parse({
    status: status as TaskStatus[] | undefined,
    text: values.text ?? null,
    tag: values.tag ?? null,
    sessionId: values.session ?? null,
    from: day(values.from, 'from', false),
    to: day(values.to, 'to', true),
  });
}

/** Opens the history for the duration of `use` (awaited when it is async), then closes it. */
export async function withHistory<T>(
  dbPath: string | undefined,
  use: (
    history: HistoryStore,
    settings: SettingsStore,
    path: string,
    db: ReturnType<typeof openStore>['db'],
  ) => T | Promise<T>,
): Promise<T> {
  const path = existingDbPath(dbPath);
  const opened = openStore(path);
  if (opened.readOnlyReason) writeErr(`${opened.readOnlyReason}\n`);
  try {
    return await use(new HistoryStore(opened.db), new SettingsStore(opened.db), path, opened.db);
  } finally {
    opened.db.close();
  }
}
