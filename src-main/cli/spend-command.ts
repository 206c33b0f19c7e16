// `webrun-desk spend`: today, this week and this month against the budget, and the top tasks.
import { parseArgs } from 'node:util';
import { ageText, runwayText } from '../contract/age-text';
import { BudgetSettings, type SpendSummary } from '../contract/schemas';
import { MoneyStore } from '../core/money/money-store';
import { budgetStatus } from '../core/budget/budget-guard';
import { spendSummary } from '../core/spend';
import { intOption, usageErrors } from './args';
import { money, withHistory } from './history-filter';

/** A total that leaves unknown costs out says how many, so it is never read as their being $0. */
const unknownNote = (n: number): string =>
  n > 0 ? ` + ${n} task${n === 1 ? '' : 's'} of unknown cost` : '';

/** The balance as last seen (with its age and source) and how long it lasts at the recent pace. */
function writeBalance(summary: SpendSummary, now: number): void {
  const seen = summary.balance;
  process.stdout.write(
    seen
      ? `Balance     ${money(seen.balance)}${seen.simulated ? ' (simulated)' : ''}, seen ${ageText(now - seen.at)} (${seen.source})\n`
      : 'Balance     not seen yet\n',
  );
  const r = summary.runway;
  process.stdout.write(
    `Runway      ${r.days === null ? 'none' : `${r.unknownCost > 0 ? 'at most ' : ''}${runwayText(r.days)}`}: ${r.explanation}\n`,
  );
  if (r.warning) process.stdout.write(`Warning: ${r.warning}\n`);
}

export async function spendCommand(argv: string[]): Promise<number> {
  const now = Date.now();
  const { values } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: { days: { type: 'string' }, db: { type: 'string' }, json: { type: 'boolean' } },
    }),
  );
  const days = intOption(values.days, 'days', { min: 1, max: 366 }) ?? 30;
  const summary = await withHistory(values.db, (history, settings, db) => {
    const budget = settings.get('budget', BudgetSettings);
    return spendSummary(
      history,
      budgetStatus(history, budget, now),
      now,
      -new Date(now).getTimezoneOffset(),
      days,
      { balance: new MoneyStore(db).latest(), warningDays: budget.runwayWarningDays },
    );
  });
  if (values.json) {
    process.stdout.write(`${JSON.stringify(summary)}\n`);
    return 0;
  }
  const b = summary.budget;
  process.stdout.write(
    `Today       ${money(b.today)}${b.dailyCap ? ` of ${money(b.dailyCap)}` : ''}${unknownNote(b.todayUnknownCost)}\n`,
  );
  process.stdout.write(
    `This week   ${money(summary.week)}${unknownNote(summary.weekUnknownCost)}\n`,
  );
  process.stdout.write(
    `This month  ${money(b.month)}${b.monthlyCap ? ` of ${money(b.monthlyCap)}` : ''}${unknownNote(b.monthUnknownCost)}\n`,
  );
  const f = summary.forecast;
  process.stdout.write(
    `Forecast    ${f.value === null ? 'none yet' : `${money(f.value)} by month end`}: ${f.explanation}\n`,
  );
  writeBalance(summary, now);
  if (b.message) process.stdout.write(`${b.message}\n`);
  for (const t of summary.topTasks.slice(0, 5))
    process.stdout.write(`  ${money(t.cost).padStart(9)}  ${t.prompt.slice(0, 70)}\n`);
  if (summary.byStatus.length > 0) process.stdout.write(`By status (last ${days} days)\n`);
  for (const s of summary.byStatus)
    process.stdout.write(
      `  ${s.status.padEnd(11)} ${money(s.cost).padStart(9)}  ${s.tasks} tasks${unknownNote(s.unknownCost)}\n`,
    );
  if (summary.byTag.length > 0) process.stdout.write(`By tag (last ${days} days)\n`);
  for (const t of summary.byTag)
    process.stdout.write(
      `  ${t.tag.padEnd(11)} ${money(t.cost).padStart(9)}  ${t.tasks} tasks${unknownNote(t.unknownCost)}\n`,
    );
  return 0;
}
