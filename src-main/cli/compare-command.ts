// `webrun-desk compare A [B]`: two runs side by side, read from the history (no backend needed).
// Ids are full or short as history shows them; without B, A is compared with the previous
// completed run of its watch (or, outside a watch, of the same prompt).
import { parseArgs } from 'node:util';
import { DeskError } from '../contract/dispatch';
import { TaskStore } from '../core/tasks/task-store';
import { compareRuns } from '../core/watches/compare-runs';
import { RunSnapshots } from '../core/watches/run-snapshots';
import { usageErrors, UsageError } from './args';
import { comparisonLines } from './compare-text';
import { withHistory } from './history-filter';
import { jsonText, writeOut } from './terminal-text';

export async function compareCommand(argv: string[]): Promise<number> {
  const { values, positionals } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { json: { type: 'boolean' }, db: { type: 'string' } },
    }),
  );
  if (positionals.length < 1 || positionals.length > 2)
    throw new UsageError('compare takes one or two task ids (as history shows them)');
  const comparison = await withHistory(values.db, (_history, _settings, _path, db) => {
    const snapshots = new RunSnapshots(db, new TaskStore(db));
    try {
      const a = snapshots.resolve(positionals[0]!);
      const b = positionals[1] === undefined ? null : snapshots.resolve(positionals[1]);
      const previous = b === null ? snapshots.previous(a) : null;
      if (b === null && previous === null)
        throw new Error(
          `Task ${a.slice(0, 8)} has no earlier completed run of its watch or prompt to compare with; give two ids.`,
        );
      const [before, after] = b === null ? [previous!, a] : [a, b];
      return compareRuns(snapshots.snapshot(before), snapshots.snapshot(after));
    } catch (error) {
      if (error instanceof DeskError) throw new Error(error.message);
      throw error;
    }
  });
  if (values.json) writeOut(`${jsonText(comparison)}\n`);
  else for (const line of comparisonLines(comparison)) writeOut(`${line}\n`);
  return 0;
}
