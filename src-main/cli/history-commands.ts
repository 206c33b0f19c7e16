// `history`, `spend` and `export`: read-only views of the history database. They open the
// store directly (no runner, no network), so they are fast and never touch running work.
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { BudgetSettings, HistoryFilter, TaskStatus } from '../contract/schemas';
import { resolveConfig } from '../core/config';
import { budgetStatus } from '../core/runner/budget-guard';
import { spendSummary } from '../core/spend';
import { exportChunks } from '../core/store/export';
import { HistoryStore } from '../core/store/history-store';
import { openStore } from '../core/store/open-store';
import { SettingsStore } from '../core/store/settings-store';
import { intOption, usageErrors, UsageError } from './args';

const FILTER_OPTIONS = {
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
  const date = match ? new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]) + (endOfDay ? 1 : 0)) : null;
  if (!date || Number.isNaN(date.getTime())) throw new UsageError(`--${name} must be a date like 2026-11-28, not "${value}"`);
  return date.getTime();
}

function filterFrom(values: { status?: string; text?: string; tag?: string; session?: string; from?: string; to?: string }): HistoryFilter {
  const status = values.status?.split(',').map((s) => s.trim());
  for (const s of status ?? []) if (!TaskStatus.safeParse(s).success) throw new UsageError(`unknown status "${s}" (one of ${TaskStatus.options.join(', ')})`);
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
async function withHistory<T>(dbPath: string | undefined, use: (history: HistoryStore, settings: SettingsStore) => T | Promise<T>): Promise<T> {
  const opened = openStore(resolveConfig({ dbPath }).dbPath);
  try {
    return await use(new HistoryStore(opened.db), new SettingsStore(opened.db));
  } finally {
    opened.db.close();
  }
}

const money = (n: number | null | undefined): string => (n == null ? '—' : `$${n.toFixed(4)}`);
/** A total that leaves unknown costs out says how many, so it is never read as their being $0. */
const unknownNote = (n: number): string => (n > 0 ? ` + ${n} task${n === 1 ? '' : 's'} of unknown cost` : '');

export async function historyCommand(argv: string[]): Promise<number> {
  const { values } = usageErrors(() => parseArgs({ args: argv, strict: true, options: { ...FILTER_OPTIONS, limit: { type: 'string' } } }));
  const limit = intOption(values.limit, 'limit', { min: 1, max: 10_000 }) ?? 50;
  const filter = filterFrom(values);
  const tasks = await withHistory(values.db, (history) => history.list(filter, limit).tasks);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(tasks.map(({ pollUrl: _p, ...t }) => t))}\n`);
    return 0;
  }
  if (tasks.length === 0) process.stdout.write('No tasks match.\n');
  for (const t of tasks) {
    const prompt = t.prompt.replace(/\s+/g, ' ');
    process.stdout.write(`${new Date(t.createdAt).toISOString().slice(0, 16).replace('T', ' ')}  ${t.status.padEnd(11)} ${money(t.usage?.cost).padStart(9)}  ${prompt.length > 70 ? `${prompt.slice(0, 69)}…` : prompt}\n`);
  }
  return 0;
}

export async function spendCommand(argv: string[], now = Date.now()): Promise<number> {
  const { values } = usageErrors(() => parseArgs({ args: argv, strict: true, options: { days: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } } }));
  const days = intOption(values.days, 'days', { min: 1, max: 366 }) ?? 30;
  const summary = await withHistory(values.db, (history, settings) =>
    spendSummary(history, budgetStatus(history, settings.get('budget', BudgetSettings), now), now, -new Date(now).getTimezoneOffset(), days),
  );
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  }
  const b = summary.budget;
  process.stdout.write(`Today       ${money(b.today)}${b.dailyCap ? ` of ${money(b.dailyCap)}` : ''}${unknownNote(b.todayUnknownCost)}\n`);
  process.stdout.write(`This week   ${money(summary.week)}${unknownNote(summary.weekUnknownCost)}\n`);
  process.stdout.write(`This month  ${money(b.month)}${b.monthlyCap ? ` of ${money(b.monthlyCap)}` : ''} (forecast ${money(summary.monthForecast)})${unknownNote(b.monthUnknownCost)}\n`);
  if (b.message) process.stdout.write(`${b.message}\n`);
  for (const t of summary.topTasks.slice(0, 5)) process.stdout.write(`  ${money(t.cost).padStart(9)}  ${t.prompt.slice(0, 70)}\n`);
  if (summary.byStatus.length > 0) process.stdout.write(`By status (last ${days} days)\n`);
  for (const s of summary.byStatus) process.stdout.write(`  ${s.status.padEnd(11)} ${money(s.cost).padStart(9)}  ${s.tasks} tasks${unknownNote(s.unknownCost)}\n`);
  if (summary.byTag.length > 0) process.stdout.write(`By tag (last ${days} days)\n`);
  for (const t of summary.byTag) process.stdout.write(`  ${t.tag.padEnd(11)} ${money(t.cost).padStart(9)}  ${t.tasks} tasks${unknownNote(t.unknownCost)}\n`);
  return 0;
}

export async function exportCommand(argv: string[]): Promise<number> {
  const { values } = usageErrors(() =>
    parseArgs({ args: argv, strict: true, options: { ...FILTER_OPTIONS, format: { type: 'string' }, out: { type: 'string' } } }),
  );
  if (values.format !== 'csv' && values.format !== 'json') throw new UsageError('--format must be csv or json');
  const format = values.format;
  const filter = filterFrom(values);
  const out: NodeJS.WritableStream = values.out ? createWriteStream(values.out) : process.stdout;
  await withHistory(values.db, async (history) => {
    for (const chunk of exportChunks(history.iterate(filter), format)) {
      if (!out.write(chunk)) await new Promise((resolve) => out.once('drain', resolve));
    }
  });
  if (values.out) await new Promise<void>((resolve) => out.end(resolve));
  return 0;
}
