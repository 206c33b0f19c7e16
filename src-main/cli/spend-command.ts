// `webrun-desk spend`: today, this week and this month against the budget, and the top tasks.
import { parseArgs } from 'node:util';
import { dirname, join } from 'node:path';
import { ageText, runwayText } from '../contract/age-text';
import { BackendSettings, BudgetSettings, type SpendSummary } from '../contract/schemas';
import { resolveConfig } from '../core/config';
import { MoneyStore } from '../core/money/money-store';
import { plainCodec } from '../core/secrets/secret-file';
import { SecretStore } from '../core/secrets/secret-store';
import type { SettingsStore } from '../core/store/settings-store';
import { budgetStatus } from '../core/budget/budget-guard';
import { spendSummary } from '../core/spend';
import { intOption, usageErrors } from './args';
import { money, withHistory } from './history-filter';
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
      ? `Balance     ${money(seen.balance)}${seen.simulated ? ' (simulated)' : ''}, seen ${ageText(now - seen.at)} (${seen.source})\n`
      : 'Balance     not seen yet\n',
  );
  const r = summary.runway;
  writeOut(
    `Runway      ${r.days === null ? 'none' : `${r.unknownCost > 0 ? 'at most ' : ''}${runwayText(r.days)}`}: ${r.explanation}\n`,
  );
  if (r.warning) writeOut(`Warning: ${r.warning}\n`);
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
    `Today       ${money(b.today)}${b.dailyCap ? ` of ${money(b.dailyCap)}` : ''}${unknownNote(b.todayUnknownCost)}\n`,
  );
  writeOut(`This week   ${money(summary.week)}${unknownNote(summary.weekUnknownCost)}\n`);
  writeOut(
    `This month  ${money(b.month)}${b.monthlyCap ? ` of ${money(b.monthlyCap)}` : ''}${unknownNote(b.monthUnknownCost)}\n`,
  );
  const f = summary.forecast;
  writeOut(
    `Forecast    ${f.value === null ? 'none yet' : `${money(f.value)} by month end`}: ${f.explanation}\n`,
  );
  writeBalance(summary, now);
  if (b.message) writeOut(`${b.message}\n`);
  for (const t of summary.topTasks.slice(0, 5))
    writeOut(`  ${money(t.cost).padStart(9)}  ${t.prompt.slice(0, 70)}\n`);
  if (summary.byStatus.length > 0) writeOut(`By status (last ${days} days)\n`);
  for (const s of summary.byStatus)
    writeOut(
      `  ${s.status.padEnd(11)} ${money(s.cost).padStart(9)}  ${s.tasks} tasks${unknownNote(s.unknownCost)}\n`,
    );
  if (summary.byTag.length > 0) writeOut(`By tag (last ${days} days)\n`);
  for (const t of summary.byTag)
    writeOut(
      `  ${t.tag.padEnd(11)} ${money(t.cost).padStart(9)}  ${t.tasks} tasks${unknownNote(t.unknownCost)}\n`,
    );
  return 0;
}
