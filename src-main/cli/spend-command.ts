// `webrun-desk spend`: today, this week and this month against the budget, and the top tasks;
// with --by, the days' spend grouped by environment, batch, tag or template (for an invoice),
// as text, JSON or the Spend page's CSV.
import { parseArgs } from 'node:util';
import { dirname, join } from 'node:path';
import { ageText, runwayText } from '../contract/age-text';
import {
  BackendSettings,
  BudgetSettings,
  SpendGroupBy,
  type SpendSummary,
} from '../contract/schemas';
import { formatUsd } from '../contract/money-format';
import { costText, GROUP_BY, groupRows, groupsCsv, rangeOf } from '../contract/spend-group-rows';
import { resolveConfig } from '../core/config';
import { MoneyStore } from '../core/money/money-store';
import { plainCodec } from '../core/secrets/secret-file';
import { SecretStore } from '../core/secrets/secret-store';
import type { SettingsStore } from '../core/settings/settings-store';
import { budgetStatus } from '../core/budget/budget-guard';
import { spendSummary } from '../core/money/spend';
import { intOption, UsageError, usageErrors } from './args';
import { withHistory } from './history-filter';
import { jsonText, writeOut } from './terminal-text';

/** A total that leaves unknown costs out says how many, so it is never read as their being $0. */
const unknownNote = (n: number): string =>
  n > 0 ? ` + ${n} task${n === 1 ? '' : 's'} of unknown cost` : '';

/**
 * Whether this history's tasks run on the built-in sandbox, decided as the desk decides it: no
 * key in the environment or saved beside the history, or Settings → Backend forcing the sandbox.
 */
function onSandbox(dbPath: string, settings: SettingsStore): boolean {
  if (settings.get('backend', BackendSettings).forceSandbox) return true;
  const key = new SecretStore(
    join(dirname(dbPath), 'secrets.json'),
    plainCodec,
    resolveConfig({ dbPath }).apiKey,
  ).apiKey();
  return !key;
}

/** The balance as last seen (with its age and source) and how long it lasts at the recent pace. */
function writeBalance(summary: SpendSummary, now: number): void {
  const seen = summary.balance;
  writeOut(
    seen
      ? `Balance     ${formatUsd(seen.balance)}${seen.simulated ? ' (simulated)' : ''}, seen ${ageText(now - seen.at)} (${seen.source})\n`
      : 'Balance     not seen yet\n',
  );
  const r = summary.runway;
  writeOut(
    `Runway      ${r.days === null ? 'none' : `${r.unknownCost > 0 ? 'at most ' : ''}${runwayText(r.days)}`}: ${r.explanation}\n`,
  );
  if (r.warning) writeOut(`Warning: ${r.warning}\n`);
}

/**
 * One grouping of the days' spend. Environments are named by their ids here: their names are
 * WebRun's, and this command reads only the history (the app's Spend page shows the names).
 */
function writeGroups(
  summary: SpendSummary,
  by: SpendGroupBy,
  days: number,
  now: number,
  format: 'text' | 'json' | 'csv',
): void {
  const range = rangeOf(days, new Date(now));
  const rows = groupRows(by, summary.groups[by], new Map());
  if (format === 'json') {
    writeOut(`${jsonText({ by, ...range, groups: summary.groups[by] })}\n`);
    return;
  }
  if (format === 'csv') {
    writeOut(`${groupsCsv(by, rows, range)}\n`);
    return;
  }
  const label = GROUP_BY.find((g) => g.id === by)!.label;
  writeOut(`Spend by ${label.toLowerCase()}, ${range.from} to ${range.to}\n`);
  if (rows.length === 0) writeOut('  no spend in these days\n');
  for (const r of rows)
    writeOut(
      `  ${r.name.slice(0, 48).padEnd(48)} ${String(r.tasks).padStart(5)} tasks  ${costText(r)}\n`,
    );
  if (by === 'tag' && rows.length > 0)
    writeOut('A task with several tags counts under each of them.\n');
}

export async function spendCommand(argv: string[]): Promise<number> {
  const now = Date.now();
  const { values } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: {
        days: { type: 'string' },
        db: { type: 'string' },
        json: { type: 'boolean' },
        by: { type: 'string' },
        csv: { type: 'boolean' },
      },
    }),
  );
  const days = intOption(values.days, 'days', { min: 1, max: 366 }) ?? 30;
  const by = values.by === undefined ? null : SpendGroupBy.safeParse(values.by).data;
  if (by === undefined)
    throw new UsageError(
      `--by must be one of ${SpendGroupBy.options.join(', ')}, not "${values.by}"`,
    );
  if (values.csv && by === null) throw new UsageError('--csv needs --by (what to group by)');
  if (values.csv && values.json) throw new UsageError('choose one of --csv and --json');
  const { summary, simulated } = await withHistory(values.db, (history, settings, path, db) => {
    const budget = settings.get('budget', BudgetSettings);
    const summary = spendSummary(
      history,
      budgetStatus(history, budget, now),
      now,
      -new Date(now).getTimezoneOffset(),
      days,
      { balance: new MoneyStore(db).latest(), warningDays: budget.runwayWarningDays },
    );
    return { summary, simulated: onSandbox(path, settings) };
  });
  if (by !== null) {
    writeGroups(summary, by, days, now, values.csv ? 'csv' : values.json ? 'json' : 'text');
    return 0;
  }
  if (values.json) {
    writeOut(`${jsonText({ ...summary, simulated })}\n`);
    return 0;
  }
  if (simulated)
    writeOut(
      'Simulated: these tasks ran on the built-in sandbox (no WebRun API key), so nothing was billed; the costs are what WebRun would charge.\n',
    );
  const b = summary.budget;
  writeOut(
    `Today       ${formatUsd(b.today)}${b.dailyCap ? ` of ${formatUsd(b.dailyCap)}` : ''}${unknownNote(b.todayUnknownCost)}\n`,
  );
  writeOut(`This week   ${formatUsd(summary.week)}${unknownNote(summary.weekUnknownCost)}\n`);
  writeOut(
    `This month  ${formatUsd(b.month)}${b.monthlyCap ? ` of ${formatUsd(b.monthlyCap)}` : ''}${unknownNote(b.monthUnknownCost)}\n`,
  );
  const f = summary.forecast;
  writeOut(
    `Forecast    ${f.value === null ? 'none yet' : `${formatUsd(f.value)} by month end`}: ${f.explanation}\n`,
  );
  writeBalance(summary, now);
  if (b.message) writeOut(`${b.message}\n`);
  for (const t of summary.topTasks.slice(0, 5))
    writeOut(`  ${formatUsd(t.cost).padStart(9)}  ${t.prompt.slice(0, 70)}\n`);
  if (summary.byStatus.length > 0) writeOut(`By status (last ${days} days)\n`);
  for (const s of summary.byStatus)
    writeOut(
      `  ${s.status.padEnd(11)} ${formatUsd(s.cost).padStart(9)}  ${s.tasks} tasks${unknownNote(s.unknownCost)}\n`,
    );
  if (summary.byTag.length > 0) writeOut(`By tag (last ${days} days)\n`);
  for (const t of summary.byTag)
    writeOut(
      `  ${t.tag.padEnd(11)} ${formatUsd(t.cost).padStart(9)}  ${t.tasks} tasks${unknownNote(t.unknownCost)}\n`,
    );
  return 0;
}
