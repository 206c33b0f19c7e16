// `webrun-desk history`: the tasks in the history, newest first, read straight from the store.
import { parseArgs } from 'node:util';
import { intOption, usageErrors } from './args';
import { FILTER_OPTIONS, filterFrom, money, withHistory } from './history-filter';
import { jsonText, writeOut } from './terminal-text';

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
  const tasks = await withHistory(values.db, (history) => history.list(filter, limit).tasks);
  if (values.json) {
    writeOut(`${jsonText(tasks.map(({ pollUrl: _p, ...t }) => t))}\n`);
    return 0;
  }
  if (tasks.length === 0) writeOut('No tasks match.\n');
  for (const t of tasks) {
    const prompt = t.prompt.replace(/\s+/g, ' ');
    writeOut(
      `${new Date(t.createdAt).toISOString().slice(0, 16).replace('T', ' ')}  ${t.status.padEnd(11)} ${money(t.usage?.cost).padStart(9)}  ${prompt.length > 70 ? `${prompt.slice(0, 69)}…` : prompt}\n`,
    );
  }
  return 0;
}
