// `webrun-desk export`: the history as CSV or JSON, streamed, with secrets in URLs redacted.
import { createWriteStream } from 'node:fs';
import { parseArgs } from 'node:util';
import { exportChunks } from '../core/history/export';
import { usageErrors, UsageError } from './args';
import { FILTER_OPTIONS, filterFrom, withHistory } from './history-filter';
import { terminalText } from './terminal-text';

export async function exportCommand(argv: string[]): Promise<number> {
  const { values } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      options: { ...FILTER_OPTIONS, format: { type: 'string' }, out: { type: 'string' } },
    }),
  );
  if (values.format !== 'csv' && values.format !== 'json')
    throw new UsageError('--format must be csv or json');
  const format = values.format;
  const filter = filterFrom(values);
  const out: NodeJS.WritableStream = values.out ? createWriteStream(values.out) : process.stdout;
  // A file or a pipe gets the data exact; a terminal gets it inert (remote text in every row).
  const toTerminal = !values.out && process.stdout.isTTY === true;
  await withHistory(values.db, async (history) => {
    for (const chunk of exportChunks(history.iterate(filter), format)) {
      if (!out.write(toTerminal ? terminalText(chunk) : chunk))
        await new Promise((resolve) => out.once('drain', resolve));
    }
  });
  if (values.out) await new Promise<void>((resolve) => out.end(resolve));
  return 0;
}
